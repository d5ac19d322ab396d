package dev.moose.core.server;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that may reach a person: statements, server messages, URLs. Known secret values
 * (the connection's password) are replaced wherever they occur; credentials in well-known SQL positions
 * (user passwords, engine access keys, credential settings) and in URLs are masked whatever their value.
 */
public final class Redactor {

    public static final String MASK = "****";

    /** {@code IDENTIFIED [WITH method] BY 'x'} in CREATE/ALTER USER. */
    private static final Pattern IDENTIFIED_BY = Pattern.compile(
            "(?i)(IDENTIFIED\\s+(?:WITH\\s+\\w+\\s+)?BY\\s+)'(?:[^'\\\\]|\\\\.|'')*'");
    /** Settings and named-collection keys that hold credentials: {@code password = 'x'}, {@code kafka_sasl_password = 'x'}. */
    private static final Pattern CREDENTIAL_SETTING = Pattern.compile(
            "(?i)(\\b\\w*(?:password|secret|secret_access_key|access_key_id|token)\\w*\\s*=\\s*)'(?:[^'\\\\]|\\\\.|'')*'");
    /** user:password@ in URLs. */
    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/:@\\s]*:)[^@/\\s]*@");
    /** password=… in URL query strings. */
    private static final Pattern URL_PASSWORD_PARAM = Pattern.compile("(?i)([?&](?:password|token)=)[^&\\s]*");
    /** Access keys passed positionally to S3-like table functions and engines: the two string arguments after the URL. */
    private static final Pattern POSITIONAL_KEYS = Pattern.compile(
            "(?i)(\\b(?:S3|S3Queue|s3Cluster|IcebergS3|DeltaLake|Hudi|gcs|cosn|oss)\\s*\\(\\s*'(?:[^'\\\\]|\\\\.)*'\\s*,\\s*)"
                    + "'(?:[^'\\\\]|\\\\.)*'(\\s*,\\s*)'(?:[^'\\\\]|\\\\.)*'(\\s*,\\s*'[A-Za-z]+')");

    private final List<String> knownSecrets;

    private Redactor(Collection<String> knownSecrets) {
        this.knownSecrets = knownSecrets.stream().filter(s -> s != null && s.length() >= 1).toList();
    }

    public static Redactor of(Collection<Secret> secrets) {
        return new Redactor(secrets.stream().map(Secret::reveal).toList());
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : knownSecrets) {
            out = out.replace(secret, MASK);
        }
        out = IDENTIFIED_BY.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "'" + MASK + "'"));
        out = CREDENTIAL_SETTING.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "'" + MASK + "'"));
        out = POSITIONAL_KEYS.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + "'" + MASK + "'" + m.group(2) + "'" + MASK + "'" + m.group(3)));
        return redactUrl(out);
    }

    /** Masks the password in {@code scheme://user:password@host} and {@code ?password=} forms. */
    public static String redactUrl(String text) {
        if (text == null) {
            return null;
        }
        String out = URL_USER_INFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
        return URL_PASSWORD_PARAM.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }
}
