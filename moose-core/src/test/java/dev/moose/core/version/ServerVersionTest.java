package dev.moose.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerVersionTest {

    @Test
    void parsesTheFormsServersPrint() {
        assertThat(ServerVersion.parse("18.16.1")).isEqualTo(new ServerVersion(18, 16, 1, "18.16.1"));
        ServerVersion v = ServerVersion.parse("24.8.4.13");
        assertThat(v.major()).isEqualTo(24);
        assertThat(v.minor()).isEqualTo(8);
        assertThat(v.patch()).isEqualTo(4);
        assertThat(v.toString()).isEqualTo("24.8.4.13");
        assertThat(ServerVersion.parse("25.3.1.2703-lts").majorMinor()).isEqualTo("25.3");
        assertThat(ServerVersion.parse("26.3")).isEqualTo(ServerVersion.of(26, 3));
    }

    @Test
    void ordersByMajorMinorPatch() {
        assertThat(ServerVersion.parse("18.16.1")).isLessThan(ServerVersion.parse("19.1"));
        assertThat(ServerVersion.parse("20.10")).isGreaterThan(ServerVersion.parse("20.4.9"));
        assertThat(ServerVersion.parse("20.4").atLeast(20, 4)).isTrue();
        assertThat(ServerVersion.parse("20.3.22").atLeast(20, 4)).isFalse();
    }

    @Test
    void rejectsNonsenseWithTheExpectedForm() {
        assertThatThrownBy(() -> ServerVersion.parse("latest")).hasMessageContaining("major.minor");
    }
}
