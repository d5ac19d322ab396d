package dev.moose.core.server;

import dev.moose.core.Fix;
import dev.moose.core.MooseException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Everything that goes wrong between us and a ClickHouse server: the server's error (with its code and
 * message) or a failure to reach it at all. The statement is kept with secrets removed, so this exception
 * can be logged and shown as it is.
 */
public final class ClickHouseException extends MooseException {

    private static final long serialVersionUID = 1L;

    public static final int NO_CODE = 0;
    public static final int UNKNOWN_IDENTIFIER = 47;
    public static final int UNKNOWN_TYPE = 50;
    public static final int NOT_IMPLEMENTED = 48;
    public static final int UNKNOWN_TABLE = 60;
    public static final int SYNTAX_ERROR = 62;
    public static final int TABLE_ALREADY_EXISTS = 57;
    public static final int UNKNOWN_DATABASE = 81;
    public static final int DATABASE_ALREADY_EXISTS = 82;
    public static final int UNKNOWN_SETTING = 115;
    public static final int UNKNOWN_USER = 192;
    public static final int WRONG_PASSWORD = 193;
    public static final int REQUIRED_PASSWORD = 194;
    public static final int AUTHENTICATION_FAILED = 516;

    /** What kind of failure this is, for callers that react differently (retry, explain, give up). */
    public enum Kind {
        /** The server ran the statement and refused it. */
        SERVER_ERROR,
        /** The server did not accept the user or password. */
        AUTHENTICATION,
        /** No answer: unknown host, refused connection, TLS failure. */
        UNREACHABLE,
        /** The server did not answer in time. */
        TIMEOUT
    }

    private static final Pattern CODE = Pattern.compile("Code:\\s*(\\d+)");
    /** 18.16: "Code: 60, e.displayText() = DB::Exception: Table x doesn't exist., e.what() = DB::Exception (transport error: 404)". */
    private static final Pattern OLD_MESSAGE = Pattern.compile(
            "e\\.displayText\\(\\) = (?:DB::Exception: )?(.*?)(?:, e\\.what\\(\\) = .*)?$", Pattern.DOTALL);
    /** 20.x and later: "Code: 60. DB::Exception: Table default.x does not exist. (UNKNOWN_TABLE) (version 24.8.1.1)". */
    private static final Pattern NEW_MESSAGE = Pattern.compile(
            "Code:\\s*\\d+\\.\\s*(?:DB::Exception:\\s*)?(.*?)(?:\\s*\\(version [^)]*\\))?(?:\\s*\\(transport error: \\d+\\))?\\s*$",
            Pattern.DOTALL);

    private final Kind kind;
    private final int code;
    private final String serverMessage;
    private final String statement;

    public ClickHouseException(Kind kind, int code, String serverMessage, String statement, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.serverMessage = serverMessage;
        this.statement = statement;
    }

    public Kind kind() {
        return kind;
    }

    /** The ClickHouse error code ({@code 62} for a syntax error), or {@link #NO_CODE} when the server never answered. */
    public int code() {
        return code;
    }

    /** The server's own message, without the code prefix and stack noise; secrets removed. */
    public String serverMessage() {
        return serverMessage;
    }

    /** The statement that failed, secrets removed; {@code null} when the failure happened while connecting. */
    public String statement() {
        return statement;
    }

    /**
     * A failure to get an answer at all: unknown host, refused connection, TLS failure, timeout. The server is named
     * as the user should see it ({@link ConnectionSettings#displayUrl()}); the redactor removes the connection's
     * password and any credentials in the statement or the message.
     */
    static ClickHouseException unreachable(IOException e, String statement, ConnectionSettings settings, Redactor redactor) {
        String where = settings.displayUrl();
        String safeStatement = redactor.redact(statement);
        Throwable timeout = findCause(e, SocketTimeoutException.class);
        if (timeout != null) {
            return new ClickHouseException(Kind.TIMEOUT, NO_CODE, null, safeStatement,
                    "ClickHouse at " + where + " did not answer in time" + describe(safeStatement), null);
        }
        Throwable unknownHost = findCause(e, UnknownHostException.class, UnresolvedAddressException.class);
        Throwable tls = findCause(e, SSLException.class);
        Throwable refused = findCause(e, ConnectException.class, NoRouteToHostException.class);
        String reason;
        if (unknownHost != null) {
            reason = "unknown host " + settings.host();
        } else if (tls != null) {
            reason = "TLS failure: " + tls.getMessage();
        } else if (refused != null) {
            reason = "connection refused (" + (refused.getMessage() == null ? refused.getClass().getSimpleName() : refused.getMessage()) + ")";
        } else {
            Throwable root = rootCause(e);
            reason = "the connection failed (" + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
        }
        return new ClickHouseException(Kind.UNREACHABLE, NO_CODE, null, safeStatement,
                "Cannot reach ClickHouse at " + where + ": " + redactor.redact(reason)
                        + ". Check the host and port in " + Fix.URL + " and that the server is running.", null);
    }

    /**
     * The server's refusal: an HTTP status other than 200, or an exception code header, with ClickHouse's error text
     * as the body ({@code Code: 62. DB::Exception: …} on current servers, {@code Code: 62, e.displayText() = …} on
     * old ones).
     */
    static ClickHouseException fromServer(int httpStatus, String codeHeader, String body, String statement, String where,
                                          Redactor redactor) {
        String safeStatement = redactor.redact(statement);
        String raw = body == null ? "" : body.strip();
        int code = NO_CODE;
        if (codeHeader != null && codeHeader.strip().matches("\\d+")) {
            code = Integer.parseInt(codeHeader.strip());
        } else {
            Matcher codeMatcher = CODE.matcher(raw);
            if (codeMatcher.find()) {
                code = Integer.parseInt(codeMatcher.group(1));
            }
        }
        if (code == NO_CODE) {
            String text = raw.length() > 500 ? raw.substring(0, 500) + " …" : raw;
            return new ClickHouseException(Kind.SERVER_ERROR, NO_CODE, redactor.redact(text), safeStatement,
                    "ClickHouse at " + where + " answered HTTP " + httpStatus + " without an error code: "
                            + redactor.redact(text) + describe(safeStatement), null);
        }
        String message = redactor.redact(serverText(raw));
        if (code == UNKNOWN_USER || code == WRONG_PASSWORD || code == AUTHENTICATION_FAILED || code == REQUIRED_PASSWORD) {
            return new ClickHouseException(Kind.AUTHENTICATION, code, message, safeStatement,
                    "ClickHouse at " + where + " refused the credentials (code " + code + "): " + message
                            + ". Check " + Fix.CREDENTIALS + ".", null);
        }
        return new ClickHouseException(Kind.SERVER_ERROR, code, message, safeStatement,
                "ClickHouse error " + code + ": " + message + describe(safeStatement), null);
    }

    static String describe(String statement) {
        if (statement == null) {
            return "";
        }
        String oneLine = statement.strip().replaceAll("\\s+", " ");
        return oneLine.length() > 2000 ? "\n  in: " + oneLine.substring(0, 2000) + " …" : "\n  in: " + oneLine;
    }

    static String serverText(String raw) {
        Matcher old = OLD_MESSAGE.matcher(raw);
        if (raw.contains("e.displayText()") && old.find()) {
            return old.group(1).strip();
        }
        Matcher current = NEW_MESSAGE.matcher(raw);
        if (current.find()) {
            return current.group(1).strip();
        }
        return raw.strip();
    }

    @SafeVarargs
    private static Throwable findCause(Throwable t, Class<? extends Throwable>... types) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(c)) {
                    return c;
                }
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
