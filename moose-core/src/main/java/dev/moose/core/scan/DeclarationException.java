package dev.moose.core.scan;

import dev.moose.core.MooseException;
import java.util.List;

/** Every problem found in the annotated classes, reported together and sorted by class and member. */
public final class DeclarationException extends MooseException {

    private static final long serialVersionUID = 1L;

    private final List<DeclarationError> errors;

    public DeclarationException(List<DeclarationError> errors) {
        super(message(errors));
        this.errors = List.copyOf(errors);
    }

    public List<DeclarationError> errors() {
        return errors;
    }

    private static String message(List<DeclarationError> errors) {
        StringBuilder sb = new StringBuilder();
        sb.append(errors.size()).append(errors.size() == 1 ? " declaration error" : " declaration errors")
                .append(" in the annotated classes:");
        for (DeclarationError e : errors) {
            sb.append("\n  - ").append(e);
        }
        return sb.toString();
    }
}
