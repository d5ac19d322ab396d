package dev.moose.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.moose.core.MooseException;
import dev.moose.core.OperationFailedException;
import dev.moose.core.api.CheckFailedException;
import dev.moose.core.plan.MigrationPlan;
import dev.moose.core.plan.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one run of a goal did, collected as it runs and written as JSON (format {@value #FORMAT_VERSION}, described
 * by {@code report-schema-1.json}). Field names are stable; a field is added, never renamed, within a format
 * version. No secret is ever put in: the target is the URL without credentials, and every text goes through the
 * connection's redaction first.
 */
public final class Report {

    public static final int FORMAT_VERSION = 1;

    /** How a run ended. */
    public enum Status {
        /** Generate wrote a plan with operations. */
        GENERATED,
        /** Generate found the database equal to the code. */
        UNCHANGED,
        /** Migrate ran the plan from its start. */
        APPLIED,
        /** Migrate finished a plan a stopped run had begun. */
        RESUMED,
        /** Migrate found the database already at the plan's target. */
        ALREADY_AT_TARGET,
        /** Nothing was written or run, as asked. */
        DRY_RUN,
        /** Verify: every check passed. */
        VERIFIED,
        /** The dev loop applied the code. */
        APPLIED_CHANGES,
        /** Skipped, as configured. */
        SKIPPED,
        /** Ended as asked (the dev loop stopped watching). */
        COMPLETED,
        /** A check refused to go on; nothing was changed. */
        REFUSED,
        /** It failed part-way (see the condition and the failed operation). */
        FAILED;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One operation of the plan and how it ran. */
    private static final class OperationEntry {
        final Operation operation;
        String status = "pending";
        Integer statementsRun;
        Long millis;
        final List<String> mutations = new ArrayList<>();

        OperationEntry(Operation operation) {
            this.operation = operation;
        }
    }

    /** A check and what it found: verify's are written as JUnit test cases too. */
    public record Check(String name, String result, List<String> details) {
        public Check {
            details = List.copyOf(details);
        }
    }

    private static final Pattern HOST = Pattern.compile("^host (\\S+) \\(shard \\d+, replica \\d+\\): (.*)$", Pattern.DOTALL);
    private static final Pattern OBJECT = Pattern.compile("^((?:table|view|materialized view|SQL resource|sql resource) \\S+?): (.*)$",
            Pattern.DOTALL);

    private final String goal;
    private final UnaryOperator<String> redact;
    private String url;
    private String serverVersion;
    private Status status;
    private Condition condition = Condition.OK;
    private String message;
    private Integer failedOperation;
    private final List<OperationEntry> operations = new ArrayList<>();
    private final List<Map<String, Object>> drift = new ArrayList<>();
    private final List<String> unmanaged = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final List<String> remaining = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();

    /** A report of {@code goal}; {@code redact} removes secrets from any text put in it. */
    public Report(String goal, UnaryOperator<String> redact) {
        this.goal = goal;
        this.redact = redact;
    }

    public String goal() {
        return goal;
    }

    /** The server: its URL without credentials ({@code ConnectionSettings.displayUrl()}) and version. */
    public Report target(String displayUrl, String version) {
        this.url = redact.apply(displayUrl);
        this.serverVersion = version;
        return this;
    }

    /** The plan the run works on: every operation, pending until told otherwise. */
    public Report plan(MigrationPlan plan) {
        operations.clear();
        plan.operations().forEach(op -> operations.add(new OperationEntry(op)));
        return this;
    }

    /** Operation {@code index} (from 0) ran, {@code statements} statements in {@code millis}. */
    public void operationApplied(int index, int statements, long millis) {
        OperationEntry e = operations.get(index);
        e.status = "applied";
        e.statementsRun = statements;
        e.millis = millis;
    }

    /** Operations before {@code index} were applied by an earlier run. */
    public void appliedBefore(int index) {
        for (int i = 0; i < index && i < operations.size(); i++) {
            operations.get(i).status = "applied_earlier";
        }
    }

    /** The mutations operation {@code index} started and the run waited for. */
    public void mutationsAwaited(int index, List<String> mutations) {
        mutations.forEach(m -> operations.get(index).mutations.add(redact.apply(m)));
    }

    public void unmanaged(List<String> objects) {
        unmanaged.addAll(objects);
    }

    /** A file the run wrote. */
    public void file(String path) {
        files.add(path);
    }

    /** What still differs from the target after the run. */
    public void remaining(List<String> differences) {
        differences.forEach(d -> remaining.add(redact.apply(d)));
    }

    public void check(String name, String result, List<String> details) {
        checks.add(new Check(name, result, details.stream().map(redact).toList()));
    }

    public List<Check> checks() {
        return List.copyOf(checks);
    }

    /** Drift found: lines such as {@code host h:9000 (shard 1, replica 2): table orders: column note: missing}. */
    public void drift(List<String> differences) {
        for (String d : differences) {
            Map<String, Object> entry = new LinkedHashMap<>();
            String rest = redact.apply(d);
            Matcher h = HOST.matcher(rest);
            if (h.matches()) {
                entry.put("host", h.group(1));
                rest = h.group(2);
            }
            Matcher o = OBJECT.matcher(rest);
            entry.put("object", o.matches() ? o.group(1) : null);
            entry.put("difference", o.matches() ? o.group(2) : rest);
            drift.add(entry);
        }
    }

    /** The objects drift names ({@code table orders}), each with its differences, in order. */
    public Map<String, List<String>> driftByObject() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map<String, Object> d : drift) {
            String object = (d.get("host") == null ? "" : "host " + d.get("host") + ": ") + (d.get("object") == null ? "database" : d.get("object"));
            out.computeIfAbsent(object, k -> new ArrayList<>()).add((String) d.get("difference"));
        }
        return out;
    }

    public Report finished(Status finalStatus) {
        this.status = finalStatus;
        return this;
    }

    public Status status() {
        return status;
    }

    public Condition condition() {
        return condition;
    }

    /** The run failed with {@code failure}: refused (a check, nothing changed) or failed part-way. */
    public Report failed(Throwable failure) {
        this.condition = Condition.of(failure);
        this.status = failure instanceof CheckFailedException || condition == Condition.LOCK_TIMEOUT || condition == Condition.BAD_INPUT
                ? Status.REFUSED : Status.FAILED;
        this.message = redact.apply(String.valueOf(failure.getMessage()));
        if (failure instanceof CheckFailedException c) {
            drift(c.check() == CheckFailedException.Check.REMOTE_DRIFT || c.check() == CheckFailedException.Check.HOST_DRIFT
                    ? c.details() : List.of());
        }
        if (failure instanceof OperationFailedException f) {
            failedOperation = f.operation() + 1;
            if (f.operation() < operations.size()) {
                operations.get(f.operation()).status = "failed";
                operations.get(f.operation()).statementsRun = f.statementsRun();
            }
        }
        return this;
    }

    /** The report as JSON: fields in a fixed order, so the same run gives the same text. */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format_version", FORMAT_VERSION);
        root.put("goal", goal);
        Map<String, Object> target = null;
        if (url != null) {
            target = new LinkedHashMap<>();
            target.put("url", url);
            target.put("server_version", serverVersion);
        }
        root.put("target", target);
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("status", (status == null ? Status.COMPLETED : status).id());
        outcome.put("condition", condition.id());
        outcome.put("message", message);
        outcome.put("failed_operation", failedOperation);
        root.put("outcome", outcome);
        List<Map<String, Object>> ops = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            OperationEntry e = operations.get(i);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("index", i + 1);
            o.put("name", e.operation.name());
            o.put("description", redact.apply(e.operation.describe()));
            o.put("destructive", e.operation.isDestructive());
            o.put("destructive_reason", e.operation.isDestructive() ? redact.apply(e.operation.destructiveReason()) : null);
            o.put("effect", e.operation.execution().effect().name().toLowerCase(Locale.ROOT));
            o.put("status", e.status);
            o.put("statements_run", e.statementsRun);
            o.put("millis", e.millis);
            o.put("mutations", e.mutations);
            ops.add(o);
        }
        root.put("operations", ops);
        root.put("drift", drift);
        root.put("remaining_differences", remaining);
        root.put("unmanaged", unmanaged);
        List<Map<String, Object>> cs = new ArrayList<>();
        for (Check c : checks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("result", c.result());
            m.put("details", c.details());
            cs.add(m);
        }
        root.put("checks", cs);
        root.put("files", files);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw MooseException.internal("Cannot write the report as JSON", e);
        }
    }

    /** Writes the JSON to {@code file}, creating its directory. */
    public void write(Path file) {
        writeText(file, toJson());
    }

    static void writeText(Path file, String text) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw MooseException.internal("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
