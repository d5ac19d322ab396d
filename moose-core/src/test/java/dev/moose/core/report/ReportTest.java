package dev.moose.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moose.core.LockTimeoutException;
import dev.moose.core.MooseException;
import dev.moose.core.OperationFailedException;
import dev.moose.core.api.CheckFailedException;
import dev.moose.core.plan.DropTable;
import dev.moose.core.plan.MigrationPlan;
import dev.moose.core.plan.TableRef;
import dev.moose.core.scan.DeclarationError;
import dev.moose.core.scan.DeclarationException;
import dev.moose.core.server.ClickHouseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void everyKindOfFailureHasItsCondition() {
        assertThat(Condition.of(new CheckFailedException(CheckFailedException.Check.HOST_DRIFT, "h", List.of(), null))).isEqualTo(Condition.DRIFT);
        assertThat(Condition.of(new CheckFailedException(CheckFailedException.Check.CODE_DRIFT, "h", List.of(), null))).isEqualTo(Condition.STALE_PLAN);
        assertThat(Condition.of(new CheckFailedException(CheckFailedException.Check.DESTRUCTIVE, "h", List.of(), null))).isEqualTo(Condition.DESTRUCTIVE);
        assertThat(Condition.of(new LockTimeoutException("held"))).isEqualTo(Condition.LOCK_TIMEOUT);
        assertThat(Condition.of(new OperationFailedException("x", 2, 1, null))).isEqualTo(Condition.OPERATION_FAILED);
        assertThat(Condition.of(new DeclarationException(List.of(new DeclarationError("app.Event", "bad"))))).isEqualTo(Condition.BAD_INPUT);
        assertThat(Condition.of(new ClickHouseException(ClickHouseException.Kind.UNREACHABLE, 0, null, null, "down", null)))
                .isEqualTo(Condition.SERVER_ERROR);
        assertThat(Condition.of(new MooseException("other"))).isEqualTo(Condition.ERROR);
        assertThat(Condition.OPERATION_FAILED.id()).isEqualTo("operation_failed");
    }

    @Test
    void aFailedOperationIsNamedAndSecretsAreMasked() {
        Report r = new Report("migrate", s -> s.replace("s3cret", "****"));
        r.target("http://alice@db:8123/shop", "26.5.1.1");
        r.plan(MigrationPlan.of(List.of(new DropTable(TableRef.of("a")), new DropTable(TableRef.of("b")))));
        r.operationApplied(0, 1, 12);
        r.failed(new OperationFailedException("Operation 2 failed: password s3cret refused", 1, 0, null));
        String json = r.toJson();
        assertThat(json).doesNotContain("s3cret").contains("\"status\" : \"failed\"", "\"condition\" : \"operation_failed\"",
                "\"failed_operation\" : 2", "\"statements_run\" : 1", "\"millis\" : 12", "\"destructive\" : true");
        assertThat(r.toJson()).as("the same run, the same text").isEqualTo(json);
    }

    @Test
    void driftIsSplitIntoHostObjectAndDifference() {
        Report r = new Report("verify", s -> s);
        r.failed(new CheckFailedException(CheckFailedException.Check.HOST_DRIFT, "disagree", List.of(
                "host 127.0.0.1:9001 (shard 2, replica 1): table events_local: column note: missing",
                "table orders: column id changed: UInt32 -> UInt64"), null));
        assertThat(r.driftByObject()).containsOnlyKeys("host 127.0.0.1:9001: table events_local", "table orders");
        assertThat(r.toJson()).contains("\"host\" : \"127.0.0.1:9001\"", "\"object\" : \"table events_local\"",
                "\"difference\" : \"column note: missing\"");
        r.check("the database is where the plan expects", "failed", List.of("table orders: <id> & \"x\""));
        String xml = JUnitReport.toXml(r);
        assertThat(xml).contains("tests=\"3\" failures=\"3\"", "name=\"table orders\"", "&lt;id&gt; &amp; &quot;x&quot;");
    }
}
