package dev.moose.core.internal.sql;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where ClickHouse DDL carries credentials, known in one place for masking (snapshots), checking (the scanner
 * refuses literal ones) and redaction (messages and logs): the access key and secret that object-storage engines
 * and table functions take after their URL, and settings whose name says they hold a secret.
 *
 * <p>Credentials in the code are written as {@code '${env:NAME}'} and resolved from the environment of the run only
 * when a statement is sent ({@link #resolve}); plans and snapshots keep the reference.
 */
public final class Credentials {

    /** Engines and table functions whose second and third arguments are an access key and a secret. */
    private static final Set<String> POSITIONAL = Set.of("s3", "s3queue", "s3cluster", "iceberg", "icebergs3", "deltalake",
            "hudi", "gcs", "cosn", "oss");
    private static final List<String> SECRET_WORDS = List.of("password", "secret", "access_key", "token");
    private static final Pattern ENV_REFERENCE = Pattern.compile("'\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}'");
    /**
     * The connection's own user and password, where a statement reads another host through remote(): resolved when
     * sent, like environment references, so that no plan, log or dry run shows them.
     */
    public static final String CONNECTION_USER = "'${connection:user}'";
    public static final String CONNECTION_PASSWORD = "'${connection:password}'";

    private Credentials() {
    }

    /**
     * True when argument {@code index} (from 0) of engine or table function {@code name} holds a credential: the two
     * after the URL, when the key and secret are given at all (four or more arguments).
     */
    public static boolean isCredentialArgument(String name, int index, int argumentCount) {
        return POSITIONAL.contains(name.toLowerCase(Locale.ROOT)) && argumentCount >= 4 && (index == 1 || index == 2);
    }

    /** True when a setting or named-collection key of this name holds a secret. */
    public static boolean isCredentialSetting(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(n::contains);
    }

    /** True when a credential's text is a reference to the environment, not the secret itself. */
    public static boolean isEnvironmentReference(String literal) {
        return ENV_REFERENCE.matcher(literal.strip()).matches();
    }

    /** The regular expression alternation of the positional engines' names, for redaction. */
    public static String positionalNamesPattern() {
        return POSITIONAL.stream().sorted().collect(Collectors.joining("|"));
    }

    /** The regular expression alternation of the secret words in setting names, for redaction. */
    public static String secretWordsPattern() {
        return String.join("|", SECRET_WORDS);
    }

    /** An environment variable a statement refers to is not set. */
    public static final class MissingVariableException extends dev.moose.core.MooseException {
        private static final long serialVersionUID = 1L;

        MissingVariableException(String message) {
            super(message);
        }
    }

    /** Looks up environment variables; {@link System#getenv(String)} in a real run. */
    @FunctionalInterface
    public interface Environment {
        String get(String name);
    }

    /**
     * The statement with every {@code '${env:NAME}'} replaced by the variable's value as a quoted string.
     *
     * @throws MissingVariableException naming the variable when it is not set
     */
    public static String resolve(String statement, Environment environment) {
        Matcher m = ENV_REFERENCE.matcher(statement);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = environment.get(m.group(1));
            if (value == null) {
                throw new MissingVariableException("The environment variable " + m.group(1) + " is not set, and a statement "
                        + "of the plan reads a credential from it ('${env:" + m.group(1) + "}'): set it in the environment "
                        + "of the run. Nothing was run.");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(Sql.quoteString(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The statement with {@link #CONNECTION_USER} and {@link #CONNECTION_PASSWORD} replaced by quoted values. */
    public static String resolveConnection(String statement, String user, String password) {
        if (!statement.contains("'${connection:")) {
            return statement;
        }
        return statement.replace(CONNECTION_USER, Sql.quoteString(user)).replace(CONNECTION_PASSWORD, Sql.quoteString(password));
    }

    /** The values the statement's references resolve to: secrets a redactor must know. */
    public static List<String> resolvedValues(String statement, Environment environment) {
        Matcher m = ENV_REFERENCE.matcher(statement);
        List<String> values = new java.util.ArrayList<>();
        while (m.find()) {
            String value = environment.get(m.group(1));
            if (value != null && !value.isEmpty()) {
                values.add(value);
            }
        }
        return values;
    }
}
