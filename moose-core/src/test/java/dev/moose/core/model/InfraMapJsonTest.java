package dev.moose.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moose.core.scan.ScanRequest;
import dev.moose.core.scan.SchemaScanner;
import dev.moose.core.version.ServerVersion;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfraMapJsonTest {

    static InfraMap fixtures() {
        try {
            Path classes = Path.of(InfraMapJsonTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return SchemaScanner.scan(new ScanRequest(List.of(classes), List.of(),
                    List.of("dev.moose.core.scan.fixtures.valid", "dev.moose.core.scan.fixtures.types"),
                    ServerVersion.parse("25.8"))).infraMap();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void roundTripsExactly() {
        InfraMap map = fixtures();
        String json = InfraMapJson.write(map);
        InfraMap back = InfraMapJson.parse(json);
        assertThat(back).isEqualTo(map);
        assertThat(InfraMapJson.write(back)).isEqualTo(json);
    }

    @Test
    void isPrettySortedAndVersioned() {
        String json = InfraMapJson.write(fixtures());
        assertThat(json).startsWith("{\n  \"format_version\": 1,\n  \"materialized_views\": {\n");
        assertThat(json).doesNotContain("\r").endsWith("}\n");
        assertThat(json.indexOf("\"materialized_views\"")).isLessThan(json.indexOf("\"sql_resources\""));
        assertThat(json.indexOf("\"sql_resources\"")).isLessThan(json.indexOf("\"tables\""));
        assertThat(json.indexOf("\"tables\"")).isLessThan(json.indexOf("\"views\""));
        assertThat(json).contains("\"data_type\": \"LowCardinality(Nullable(String))\"");
        assertThat(json).doesNotContain(": null");
    }

    @Test
    void keepsFactsAboutTheSnapshot(@TempDir Path dir) {
        Map<String, String> about = new TreeMap<>(Map.of("clickhouse_version", "18.16.1"));
        Path file = dir.resolve("remote_state.json");
        InfraMapJson.write(new InfraMapJson.Snapshot(fixtures(), new TreeMap<>(about)), file);
        InfraMapJson.Snapshot back = InfraMapJson.read(file);
        assertThat(back.about()).isEqualTo(about);
        assertThat(back.infraMap()).isEqualTo(fixtures());
    }

    @Test
    void masksCredentials() {
        Table s3 = Table.builder("s3_events").column("x", "String")
                .engine(TableEngine.of("S3", "'https://bucket.s3.amazonaws.com/x.csv'", "'AKIAEXAMPLE'", "'wJalrSECRET'", "'CSV'"))
                .build();
        Table kafka = Table.builder("queue").column("x", "String").engine(TableEngine.of("Kafka"))
                .setting("kafka_sasl_password", "'hunter2'").setting("kafka_topic_list", "'events'").build();
        Table placeholder = Table.builder("s3_env").column("x", "String")
                .engine(TableEngine.of("S3", "'https://b/x.csv'", "'${env:AWS_KEY}'", "'${env:AWS_SECRET}'", "'CSV'")).build();
        String json = InfraMapJson.write(InfraMap.ofTables(s3, kafka, placeholder));
        assertThat(json).doesNotContain("AKIAEXAMPLE").doesNotContain("wJalrSECRET").doesNotContain("hunter2")
                .contains("S3('https://bucket.s3.amazonaws.com/x.csv', '[HIDDEN]', '[HIDDEN]', 'CSV')")
                .contains("'${env:AWS_KEY}'")
                .contains("\"kafka_topic_list\": \"'events'\"");
    }

    @Test
    void badSnapshotsNameTheFileAndPlace(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("remote_state.json");
        Files.writeString(broken, "{\n  \"format_version\": 1,\n  \"tables\": {\n    \"t\": {\n      \"name\": \"t\",\n    }\n}\n");
        assertThatThrownBy(() -> InfraMapJson.read(broken))
                .hasMessageStartingWith(broken + " is not valid JSON at line 6, column 5")
                .hasMessageContaining("Generator.run(…)");
        Path badType = dir.resolve("local_infra_map.json");
        Files.writeString(badType, "{\"format_version\": 1, \"tables\": {\"t\": {\"name\": \"t\", \"engine\": \"MergeTree\","
                + " \"columns\": [{\"name\": \"a\", \"data_type\": \"Strng\"}]}}}");
        assertThatThrownBy(() -> InfraMapJson.read(badType))
                .hasMessageStartingWith(badType + " at tables.t.columns[0].data_type: Invalid ClickHouse type 'Strng'");
        Path future = dir.resolve("future.json");
        Files.writeString(future, "{\"format_version\": 9}");
        assertThatThrownBy(() -> InfraMapJson.read(future)).hasMessageContaining("upgrade the plugin");
    }
}
