package dev.moose.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moose.core.model.ModelTree;
import dev.moose.core.model.TableEngine;
import dev.moose.core.server.Redactor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One list of credential positions: masking, checking and redaction agree, and references resolve only when sent. */
class CredentialsTest {

    @Test
    void masksChecksAndRedactsTheSamePositions() {
        TableEngine s3 = TableEngine.parse("S3('https://b/x.csv', 'AKIAKEY', 'SECRETVALUE', 'CSV')");
        assertThat(ModelTree.maskEngine(s3).arguments()).containsExactly("'https://b/x.csv'", ModelTree.HIDDEN, ModelTree.HIDDEN, "'CSV'");
        TableEngine referenced = TableEngine.parse("S3('https://b/x.csv', '${env:KEY}', '${env:SECRET}', 'CSV')");
        assertThat(ModelTree.maskEngine(referenced)).isEqualTo(referenced);
        assertThat(Redactor.none().redact("ENGINE = S3('https://b/x.csv', 'AKIAKEY', 'SECRETVALUE', 'CSV')"))
                .doesNotContain("AKIAKEY").doesNotContain("SECRETVALUE");
        for (String name : List.of("S3", "S3Queue", "IcebergS3", "DeltaLake", "Hudi", "COSN", "OSS")) {
            assertThat(Credentials.isCredentialArgument(name, 1, 4)).as(name).isTrue();
            assertThat(Redactor.none().redact(name + "('u', 'k', 's', 'CSV')")).as(name).doesNotContain("'k'").doesNotContain("'s'");
        }
        assertThat(Credentials.isCredentialArgument("S3", 1, 2)).isFalse();
        assertThat(Credentials.isCredentialArgument("MergeTree", 1, 4)).isFalse();
        assertThat(Credentials.isCredentialSetting("kafka_sasl_password")).isTrue();
        assertThat(Redactor.none().redact("SETTINGS kafka_sasl_password = 'pw1'")).doesNotContain("pw1");
    }

    @Test
    void referencesResolveFromTheEnvironmentAsQuotedStrings() {
        Map<String, String> env = Map.of("KEY", "it's-a-key");
        assertThat(Credentials.resolve("S3('u', '${env:KEY}', 'x')", env::get)).isEqualTo("S3('u', 'it\\'s-a-key', 'x')");
        assertThat(Credentials.resolve("SELECT '${env:KEY}x'", env::get)).isEqualTo("SELECT '${env:KEY}x'");
        assertThatThrownBy(() -> Credentials.resolve("S3('u', '${env:MISSING}', 'x')", env::get))
                .hasMessageContaining("The environment variable MISSING is not set");
        assertThat(Credentials.isEnvironmentReference("'${env:KEY}'")).isTrue();
        assertThat(Credentials.isEnvironmentReference("'${KEY}'")).isFalse();
    }
}
