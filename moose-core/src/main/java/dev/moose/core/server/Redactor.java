package dev.moose.core.server;

import dev.moose.core.internal.sql.Credentials;
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
            "(?i)(\\b\\w*(?:" + Credentials.secretWordsPattern() + ")\\w*\\s*=\\s*)'(?:[^'\\\\]|\\\\.|'')*'");
    /** user:password@ in URLs. */
    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/:@\\s]*:)[^@/\\s]*@");
    /** password=… in URL query strings. */
    private static final Pattern URL_PASSWORD_PARAM = Pattern.compile("(?i)([?&](?:password|token)=)[^&\\s]*");
    /** Access keys passed positionally to S3-like table functions and engines: the two string arguments after the URL. */
    private static final Pattern POSITIONAL_KEYS = Pattern.compile(
            "(?i)(\\b(?:" + Credentials.positionalNamesPattern() + ")\\s*\\(\\s*'(?:[^'\\\\]|\\\\.)*'\\s*,\\s*)"
                    + "'(?:[^'\\\\]|\\\\.)*'(\\s*,\\s*)'(?:[^'\\\\]|\\\\.)*'(\\s*,\\s*'[A-Za-z]+')");

    private final List<String> knownSecrets;

    private Redactor(Collection<String> knownSecrets) {
        this.knownSecrets = knownSecrets.stream().filter(s -> s != null && s.length() >= 1).toList();
    }

    /** This redactor, also removing {@code more} (values resolved from the environment into a statement). */
    public Redactor with(Collection<String> more) {
        List<String> all = new java.util.ArrayList<>(knownSecrets);
        more.stream().filter(v -> v != null && !v.isEmpty() && !all.contains(v)).forEach(all::add);
        return new Redactor(all);
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
