package dev.moose.core.api;

import dev.moose.core.MooseException;
import java.util.List;

/**
 * A check before the first statement failed: what was checked, every difference or problem found, and the command
 * that fixes it. Nothing in the database was changed.
 */
public final class CheckFailedException extends MooseException {

    private static final long serialVersionUID = 1L;

    /** Which check failed. */
    public enum Check {
        FILES, CODE_DRIFT, PLAN_VALIDATION, CAPABILITIES, REMOTE_DRIFT, INTERRUPTED_OPERATION,
        /** The hosts of a cluster differ in objects that live on it. */
        HOST_DRIFT,
        /** The plan holds a destructive operation, and the run was told to refuse one. */
        DESTRUCTIVE
    }

    private final Check check;
    private final List<String> details;

    public CheckFailedException(Check check, String headline, List<String> details, String fix) {
        super(message(headline, details, fix));
        this.check = check;
        this.details = List.copyOf(details);
    }

    public Check check() {
        return check;
    }

    public List<String> details() {
        return details;
    }

    private static String message(String headline, List<String> details, String fix) {
        StringBuilder sb = new StringBuilder(headline);
        for (String d : details) {
            sb.append("\n  - ").append(d.replace("\n", "\n    "));
        }
        if (fix != null) {
            sb.append("\n").append(fix);
        }
        return sb.toString();
    }
}
