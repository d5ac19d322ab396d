package dev.moose.core.scan;

/**
 * One problem in the annotated classes: where it is ({@code com.acme.Event} or {@code com.acme.Event.status}),
 * what is wrong, and how to fix it.
 */
public record DeclarationError(String location, String problem) implements Comparable<DeclarationError> {

    @Override
    public int compareTo(DeclarationError o) {
        int c = location.compareTo(o.location);
        return c != 0 ? c : problem.compareTo(o.problem);
    }

    @Override
    public String toString() {
        return location + ": " + problem;
    }
}
