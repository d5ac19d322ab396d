package dev.moose.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moose.core.MooseException;
import org.junit.jupiter.api.Test;

class ConnectionSettingsTest {

    @Test
    void knowsWhetherTheServerIsOnThisMachine() {
        assertThat(ConnectionSettings.parse("http://localhost:8123").isLocal()).isTrue();
        assertThat(ConnectionSettings.parse("clickhouse://u:p@127.0.0.1:8123/db").isLocal()).isTrue();
        assertThat(ConnectionSettings.parse("jdbc:clickhouse://[::1]:8123/db").isLocal()).isTrue();
        assertThat(ConnectionSettings.parse("http://10.1.2.3:8123").isLocal()).isFalse();
        assertThat(ConnectionSettings.parse("https://prod.example.invalid:8443/analytics").isLocal()).isFalse();
    }

    @Test
    void jdbcForm() {
        ConnectionSettings s = ConnectionSettings.parse("jdbc:clickhouse://db.example.com:8123/analytics?socket_timeout=30000");
        assertThat(s.https()).isFalse();
        assertThat(s.host()).isEqualTo("db.example.com");
        assertThat(s.port()).isEqualTo(8123);
        assertThat(s.database()).isEqualTo("analytics");
        assertThat(s.user()).isEqualTo("default");
        assertThat(s.password().isEmpty()).isTrue();
        assertThat(s.options()).containsEntry("socket_timeout", "30000");
    }

    @Test
    void jdbcFormWithHttpsAndCredentialsInTheQuery() {
        ConnectionSettings s = ConnectionSettings.parse("jdbc:clickhouse:https://h.cloud:8443/db?user=alice&password=p%40ss");
        assertThat(s.https()).isTrue();
        assertThat(s.user()).isEqualTo("alice");
        assertThat(s.password().reveal()).isEqualTo("p@ss");
        assertThat(s.options()).isEmpty();
        assertThat(ConnectionSettings.parse("jdbc:clickhouse://h:8443/db?ssl=true").https()).isTrue();
    }

    @Test
    void clickhouseFormWithUserAndPassword() {
        ConnectionSettings s = ConnectionSettings.parse("clickhouse://bob:s%3Acret@10.0.0.5:8123/events");
        assertThat(s.https()).isFalse();
        assertThat(s.user()).isEqualTo("bob");
        assertThat(s.password().reveal()).isEqualTo("s:cret");
        assertThat(s.database()).isEqualTo("events");
        assertThat(ConnectionSettings.parse("clickhouse://u:p@abc.clickhouse.cloud:8443/db").https()).isTrue();
        assertThat(ConnectionSettings.parse("clickhouse://h:9000/db?secure=true").https()).isTrue();
    }

    @Test
    void httpFormsAndDefaults() {
        ConnectionSettings plain = ConnectionSettings.parse("http://localhost");
        assertThat(plain.port()).isEqualTo(8123);
        assertThat(plain.database()).isEqualTo("default");
        ConnectionSettings tls = ConnectionSettings.parse("https://abc.clickhouse.cloud/analytics");
        assertThat(tls.https()).isTrue();
        assertThat(tls.port()).isEqualTo(8443);
        assertThat(tls.endpoint()).isEqualTo("https://abc.clickhouse.cloud:8443");
        assertThat(ConnectionSettings.parse("http://[::1]:8123/db").endpoint()).isEqualTo("http://[::1]:8123");
    }

    @Test
    void thePasswordNeverShowsInAnyStringForm() {
        ConnectionSettings s = ConnectionSettings.parse("clickhouse://carol:hunter2-secret@h:8123/db");
        assertThat(s.toString()).doesNotContain("hunter2-secret").contains("carol@h:8123/db");
        assertThat(s.displayUrl()).doesNotContain("hunter2-secret");
        // the address the connection sends statements to: credentials travel as headers, never in it
        assertThat(s.endpoint()).doesNotContain("hunter2-secret").doesNotContain("carol");
        assertThat(s.password().toString()).isEqualTo("****");
    }

    @Test
    void settingsGivenApartOverrideTheUrl() {
        ConnectionSettings s = ConnectionSettings.parse("http://h:8123/a")
                .withUser("dave").withPassword(Secret.of("pw")).withDatabase("b");
        assertThat(s.user()).isEqualTo("dave");
        assertThat(s.password().reveal()).isEqualTo("pw");
        assertThat(s.database()).isEqualTo("b");
    }

    @Test
    void badUrlsNameTheFormsAndMaskThePassword() {
        assertThatThrownBy(() -> ConnectionSettings.parse("postgres://u:topsecret@h/db"))
                .isInstanceOf(MooseException.class)
                .hasMessageContaining("is not a ClickHouse URL")
                .hasMessageContaining("jdbc:clickhouse://host:8123/db")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> ConnectionSettings.parse("http://u:topsecret@/db"))
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> ConnectionSettings.parse("")).hasMessageContaining("No ClickHouse URL");
        assertThatThrownBy(() -> ConnectionSettings.parse("http://h:8123/a/b")).hasMessageContaining("more than a database");
    }
}
