package dev.moose.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moose.core.internal.diff.ChangeLog;
import dev.moose.core.model.InfraMap;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each operation is one file registered once: its tag, reader and every facet. What the operations write is pinned
 * to files produced before they owned their facets (plan.yaml and the change log, byte for byte).
 */
class OperationsTest {

    private static String pinned(String name) throws IOException {
        try (InputStream in = OperationsTest.class.getResourceAsStream("/plan-pins/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every class of moose-core that implements Operation, found in the compiled classes. */
    static Set<Class<?>> implementations() {
        try (io.github.classgraph.ScanResult scan = new io.github.classgraph.ClassGraph().enableClassInfo()
                .acceptPackages("dev.moose.core").scan()) {
            return scan.getClassesImplementing(Operation.class.getName()).stream()
                    .filter(c -> !c.getName().contains("Test") && !c.isAnonymousInnerClass())
                    .map(io.github.classgraph.ClassInfo::loadClass).collect(Collectors.toSet());
        }
    }

    @Test
    void everyOperationIsRegisteredOnceUnderItsOwnName() throws Exception {
        Set<Class<?>> permitted = implementations();
        assertThat(permitted).hasSizeGreaterThanOrEqualTo(26);
        Set<Class<?>> registered = Operations.ALL.stream().map(OperationType::type).collect(Collectors.toSet());
        assertThat(registered).as("registered operations").isEqualTo(permitted);
        assertThat(Operations.ALL).hasSize(permitted.size());
        for (OperationType<?> t : Operations.ALL) {
            assertThat(t.tag()).isEqualTo(t.type().getSimpleName());
            assertThat(t.execution()).as("%s says how it runs", t.tag()).isNotNull();
            Field own = t.type().getDeclaredField("TYPE");
            assertThat(Modifier.isStatic(own.getModifiers())).isTrue();
            assertThat(own.get(null)).as("%s.TYPE is the registered one", t.tag()).isSameAs(t);
        }
        assertThat(Operations.tags()).doesNotHaveDuplicates();
        assertThat(Operations.byTag("RawSQL")).contains(Operations.byTag("RawSql").orElseThrow());
    }

    @Test
    void everyOperationRoundTripsThroughItsOwnReaderAndWriter() {
        List<Operation> ops = PlanYamlTest.everyOperation();
        assertThat(ops.stream().map(o -> (Object) o.getClass()).collect(Collectors.toSet()))
                .as("the sample covers every operation").hasSize(implementations().size());
        for (Operation op : ops) {
            MigrationPlan one = MigrationPlan.parse(MigrationPlan.of(List.of(op)).toYaml());
            assertThat(one.operations()).as(op.name()).containsExactly(op);
        }
    }

    @Test
    void whatOperationsWriteIsUnchangedByteForByte() throws IOException {
        MigrationPlan plan = MigrationPlan.of(PlanYamlTest.everyOperation());
        assertThat(plan.toYaml().replaceAll("created_at: .*\n", "")).isEqualTo(pinned("every-operation.yaml"));
        assertThat(String.join("\n", ChangeLog.lines(plan.operations(), InfraMap.empty()))).isEqualTo(pinned("every-operation.changelog"));
    }

    private static String checksums(MigrationPlan plan) {
        StringBuilder sb = new StringBuilder(plan.checksum() + "\n");
        for (int i = 0; i < plan.operations().size(); i++) {
            sb.append(plan.operations().get(i).name()).append(' ').append(plan.operationChecksum(i)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void checksumsAreTakenOfTheCanonicalFormAndPinned() throws IOException {
        MigrationPlan plan = MigrationPlan.of(PlanYamlTest.everyOperation());
        if (Boolean.getBoolean("moose.pins.write")) {
            java.nio.file.Files.writeString(java.nio.file.Path.of("src/test/resources/plan-pins/every-operation.checksums"), checksums(plan));
        }
        assertThat(checksums(plan)).isEqualTo(pinned("every-operation.checksums"));
        assertThat(CanonicalForm.of(List.of(new RawSql(List.of("SELECT 'a\"b'\n\tFROM t\u0001"), null),
                new DropTable(new TableRef("t", "db", null)))))
                .isEqualTo("{\"RawSql\":{\"sql\":[\"SELECT 'a\\\"b'\\n\\tFROM t\\u0001\"]}}\n"
                        + "{\"DropTable\":{\"table\":\"t\",\"database\":\"db\"}}\n");
    }

    @Test
    void aJournalWrittenBeforeTheCanonicalFormStillMatches() throws IOException {
        MigrationPlan plan = MigrationPlan.of(PlanYamlTest.everyOperation());
        List<String> legacy = pinned("every-operation.legacy-checksums").lines().skip(1).map(l -> l.substring(l.indexOf(' ') + 1)).toList();
        assertThat(legacy).hasSize(plan.operations().size());
        for (int i = 0; i < legacy.size(); i++) {
            assertThat(plan.matchesRecorded(i, legacy.get(i))).as(plan.operations().get(i).name()).isTrue();
            assertThat(plan.matchesRecorded(i, plan.operationChecksum(i))).isTrue();
            assertThat(plan.matchesRecorded(i, legacy.get((i + 1) % legacy.size()))).as("another operation's").isFalse();
        }
    }
}
