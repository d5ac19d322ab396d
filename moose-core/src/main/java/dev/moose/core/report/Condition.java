package dev.moose.core.report;

import dev.moose.core.api.CheckFailedException;
import dev.moose.core.LockTimeoutException;
import dev.moose.core.OperationFailedException;
import dev.moose.core.model.ModelException;
import dev.moose.core.plan.PlanException;
import dev.moose.core.scan.DeclarationException;
import dev.moose.core.server.ClickHouseException;
import java.util.Locale;

/** How a run ended, in terms a pipeline can branch on: one value per kind of outcome, stable across releases. */
public enum Condition {
    /** It did what was asked. */
    OK,
    /** The database is not what the plan expects (someone changed it, or the hosts of a cluster disagree). */
    DRIFT,
    /** The plan no longer matches the code, or does not lead to it. */
    STALE_PLAN,
    /** The plan holds a destructive operation and the run was told to refuse that ({@code failOnDestructive}). */
    DESTRUCTIVE,
    /** The server cannot run an operation of the plan. */
    UNSUPPORTED,
    /** A stopped run left an operation whose outcome cannot be told: a person must decide. */
    INTERRUPTED,
    /** Another run held the migration lock longer than the run would wait. */
    LOCK_TIMEOUT,
    /** The server refused an operation's statement, or a mutation failed. */
    OPERATION_FAILED,
    /** The declarations, the plan or the snapshots cannot be read as written. */
    BAD_INPUT,
    /** The server could not be reached or refused the connection. */
    SERVER_ERROR,
    /** Anything else: a fault of this tool or its environment. */
    ERROR;

    /** The condition a failure stands for. */
    public static Condition of(Throwable failure) {
        if (failure instanceof CheckFailedException c) {
            return switch (c.check()) {
                case FILES -> BAD_INPUT;
                case CODE_DRIFT, PLAN_VALIDATION -> STALE_PLAN;
                case CAPABILITIES -> UNSUPPORTED;
                case REMOTE_DRIFT, HOST_DRIFT -> DRIFT;
                case INTERRUPTED_OPERATION -> INTERRUPTED;
                case DESTRUCTIVE -> DESTRUCTIVE;
            };
        }
        if (failure instanceof LockTimeoutException) {
            return LOCK_TIMEOUT;
        }
        if (failure instanceof OperationFailedException) {
            return OPERATION_FAILED;
        }
        if (failure instanceof DeclarationException || failure instanceof PlanException || failure instanceof ModelException) {
            return BAD_INPUT;
        }
        if (failure instanceof ClickHouseException) {
            return SERVER_ERROR;
        }
        return ERROR;
    }

    /** {@code lock_timeout}: the name in reports. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
