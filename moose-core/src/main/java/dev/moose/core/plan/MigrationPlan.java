package dev.moose.core.plan;

import dev.moose.core.Fix;
import dev.moose.core.MooseException;
import dev.moose.core.model.InfraMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * An ordered list of {@link Operation}s, as in {@code migrations/plan.yaml}.
 *
 * <pre>{@code
 * MigrationPlan plan = MigrationPlan.read(Path.of("migrations/plan.yaml"));
 * for (Operation op : plan.operations()) {
 *     System.out.println(op.name() + ": " + op.toSql());
 * }
 * }</pre>
 *
 * @param createdAt when the plan was generated ({@code null} when the file has none)
 * @param warnings  things the reader noticed and worked around (shown to the user)
 */
public record MigrationPlan(Instant createdAt, List<Operation> operations, List<String> warnings) {

    public MigrationPlan {
        operations = List.copyOf(operations);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public static MigrationPlan of(List<Operation> operations) {
        return new MigrationPlan(PlanYaml.now(), operations, List.of());
    }

    /**
     * Reads a plan file.
     *
     * @throws PlanException naming the file, line and column of the problem
     */
    public static MigrationPlan read(Path file) {
        String text;
        try {
            text = dev.moose.core.InputFiles.read(file);
        } catch (NoSuchFileException e) {
            throw new PlanException(file + " does not exist. Create it with: " + Fix.GENERATE_AGAINST_DATABASE);
        } catch (IOException e) {
            throw new PlanException("Cannot read " + file + ": " + e.getMessage());
        }
        return PlanYaml.read(text, file.toString());
    }

    /** Reads plan text; errors name it {@code plan.yaml}. */
    public static MigrationPlan parse(String yaml) {
        return PlanYaml.read(yaml, "plan.yaml");
    }

    /** Reads plan text; errors name it {@code source}. */
    public static MigrationPlan parse(String yaml, String source) {
        return PlanYaml.read(yaml, source);
    }

    /** The plan in its canonical YAML form. */
    public String toYaml() {
        return PlanYaml.write(this);
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, toYaml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw MooseException.internal("Cannot write " + file, e);
        }
    }

    public boolean isEmpty() {
        return operations.isEmpty();
    }

    /** The valid operation names, for messages. */
    public static List<String> operationNames() {
        return Operations.tags();
    }

    /**
     * SHA-256 of the operations in their {@link CanonicalForm canonical form}: the same whatever the comments,
     * formatting or timestamp of the file, and whatever library writes YAML.
     */
    public String checksum() {
        return CanonicalForm.sha256(CanonicalForm.of(operations));
    }

    /** SHA-256 of one operation's canonical form: a journal entry matches the same operation in an edited plan. */
    public String operationChecksum(int index) {
        return CanonicalForm.sha256(CanonicalForm.of(List.of(operations.get(index))));
    }

    /**
     * True when a checksum a journal recorded for operation {@code index} is this operation's: its canonical one,
     * or the one versions before the canonical form recorded (the SHA-256 of its YAML), so that a run stopped by such
     * a version is resumed by this one.
     */
    public boolean matchesRecorded(int index, String recorded) {
        return recorded.equals(operationChecksum(index))
                || recorded.equals(CanonicalForm.sha256(PlanYaml.legacyCanonicalOperations(List.of(operations.get(index)))));
    }

    /**
     * The state after the first {@code count} operations, starting from {@code start}.
     *
     * @throws PlanException naming the operation (1-based) that does not fit
     */
    public InfraMap simulate(InfraMap start, int count) {
        InfraMap state = start;
        for (int i = 0; i < count && i < operations.size(); i++) {
            try {
                state = operations.get(i).apply(state);
            } catch (PlanException e) {
                throw new PlanException("operation " + (i + 1) + " of " + operations.size() + " (" + operations.get(i).name()
                        + ") does not fit the state before it: " + e.getMessage());
            }
        }
        return state;
    }

    /** The state after every operation. */
    public InfraMap simulate(InfraMap start) {
        return simulate(start, operations.size());
    }
}
