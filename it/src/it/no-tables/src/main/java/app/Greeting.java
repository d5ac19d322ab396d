package app;

/** An ordinary class: nothing for moose. */
public record Greeting(String text) {
}
