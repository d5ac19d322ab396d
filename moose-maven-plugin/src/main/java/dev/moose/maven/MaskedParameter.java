package dev.moose.maven;

import dev.moose.core.server.ConnectionSettings;

/**
 * A parameter whose text is a secret or may hold one (a password, a URL with a password). Maven's debug output
 * ({@code -X}) prints every parameter of a goal by its {@code toString()}: these print masked, and
 * {@link MooseConfigurator} fills them without handing their text to that output.
 */
public abstract class MaskedParameter {

    private String value;

    MaskedParameter(String value) {
        this.value = value;
    }

    /**
     * For configurators other than {@link MooseConfigurator} (the plugin testing harness uses the basic one), which
     * print the text given here under {@code -X}: Maven itself always runs the goals with {@code MooseConfigurator}.
     */
    public void set(String text) {
        this.value = text;
    }

    /** The text as configured. */
    public String reveal() {
        return value;
    }

    public boolean isBlank() {
        return value == null || value.isBlank();
    }

    public boolean isEmpty() {
        return value == null || value.isEmpty();
    }

    /** A password: printed as asterisks. */
    public static final class Password extends MaskedParameter {
        public Password() {
            super(null);
        }

        public Password(String value) {
            super(value);
        }

        @Override
        public String toString() {
            return "********";
        }
    }

    /** A server URL: printed without its password (as asterisks when it does not parse). */
    public static final class Url extends MaskedParameter {
        public Url() {
            super(null);
        }

        public Url(String value) {
            super(value);
        }

        @Override
        public String toString() {
            try {
                return ConnectionSettings.parse(reveal()).displayUrl();
            } catch (RuntimeException e) {
                return "********";
            }
        }
    }
}
