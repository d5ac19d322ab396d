package dev.moose.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven: the files under {@code src/test/resources/types} hold the cases. */
class ClickHouseTypeTest {

    static Stream<String> canonical() throws IOException {
        return lines("canonical.txt").stream();
    }

    static Stream<Arguments> equivalent() throws IOException {
        return lines("equivalent.txt").stream().map(l -> {
            String[] parts = l.split("=>", 2);
            return Arguments.of(parts[0].strip(), parts[1].strip());
        });
    }

    static Stream<Arguments> invalid() throws IOException {
        return lines("invalid.txt").stream().map(l -> {
            int arrow = l.indexOf("=>");
            int at = l.lastIndexOf('@');
            return Arguments.of(l.substring(0, arrow).strip(), l.substring(arrow + 2, at).strip(),
                    Integer.parseInt(l.substring(at + 1).strip()));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonical")
    void printedTypesRoundTripExactly(String text) {
        ClickHouseType type = ClickHouseType.parse(text);
        assertThat(type.toString()).isEqualTo(text);
        assertThat(ClickHouseType.parse(type.toString())).isEqualTo(type).hasSameHashCodeAs(type);
    }

    @ParameterizedTest(name = "{0} => {1}")
    @MethodSource("equivalent")
    void equivalentSpellingsPrintAndCompareAsClickHouseDoes(String input, String canonical) {
        ClickHouseType parsed = ClickHouseType.parse(input);
        assertThat(parsed.toString()).isEqualTo(canonical);
        assertThat(parsed).isEqualTo(ClickHouseType.parse(canonical));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalid")
    void invalidTypesPointAtTheProblem(String input, String problem, int position) {
        TypeParseException e = catchThrowableOfType(TypeParseException.class, () -> ClickHouseType.parse(input));
        assertThat(e).as("'%s' should not parse", input).isNotNull();
        assertThat(e.problem()).contains(problem);
        assertThat(e.position() + 1).as("position in '%s'", input).isEqualTo(position);
        assertThat(e.getMessage()).contains("'" + input + "'").endsWith(" ".repeat(position - 1) + "^");
    }

    @Test
    void aQuotedNameReadsAsSqlReadsIt() {
        // the doubled quote stands for itself, as in the SQL lexer: one rule for quoted text
        ClickHouseType t = ClickHouseType.parse("Tuple(`a``b` String, \"c\"\"d\" UInt8)");
        assertThat(((ClickHouseType.Tuple) t).elements()).extracting(ClickHouseType.Element::name).containsExactly("a`b", "c\"d");
    }

    @Test
    void thereAreHundredsOfCases() throws IOException {
        assertThat(lines("canonical.txt").size() + lines("equivalent.txt").size() + lines("invalid.txt").size())
                .isGreaterThan(300);
    }

    @Test
    void theAggregateStateVersionIsPrintedButDoesNotChangeTheType() {
        ClickHouseType declared = ClickHouseType.parse("AggregateFunction(sumMap, Array(UInt8), Array(UInt64))");
        ClickHouseType printed = ClickHouseType.parse("AggregateFunction(1, sumMap, Array(UInt8), Array(UInt64))");
        assertThat(printed).isEqualTo(declared);
        assertThat(printed.toString()).startsWith("AggregateFunction(1, sumMap");
    }

    @Test
    void structureIsExposed() {
        ClickHouseType t = ClickHouseType.parse("LowCardinality(Nullable(String))");
        assertThat(t.family()).isEqualTo("LowCardinality");
        assertThat(t.isNullable()).isTrue();
        assertThat(t.children()).containsExactly(ClickHouseType.parse("Nullable(String)"));
        assertThat(ClickHouseType.parse("Nullable(UInt8)").withoutNullable()).isEqualTo(ClickHouseType.parse("UInt8"));
        ClickHouseType.Enum e = (ClickHouseType.Enum) ClickHouseType.parse("Enum8('b' = 2, 'a' = 1)");
        assertThat(e.values()).extracting(ClickHouseType.EnumValue::name).containsExactly("a", "b");
    }

    @Test
    void differentTypesAreNotEqual() {
        assertThat(ClickHouseType.parse("DateTime")).isNotEqualTo(ClickHouseType.parse("DateTime('UTC')"));
        assertThat(ClickHouseType.parse("Decimal(9, 2)")).isNotEqualTo(ClickHouseType.parse("Decimal(10, 2)"));
        assertThat(ClickHouseType.parse("Enum8('a' = 1)")).isNotEqualTo(ClickHouseType.parse("Enum16('a' = 1)"));
        assertThat(ClickHouseType.parse("Tuple(a String)")).isNotEqualTo(ClickHouseType.parse("Tuple(String)"));
        assertThat(ClickHouseType.parse("JSON")).isNotEqualTo(ClickHouseType.parse("Object('json')"));
        assertThat(ClickHouseType.parse("Bool")).isNotEqualTo(ClickHouseType.parse("UInt8"));
    }

    @Test
    void anEmptyTextIsRejected() {
        assertThatThrownBy(() -> ClickHouseType.parse(null)).isInstanceOf(TypeParseException.class)
                .hasMessageContaining("the type is empty");
    }

    static List<String> lines(String resource) throws IOException {
        try (InputStream in = ClickHouseTypeTest.class.getResourceAsStream("/types/" + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#"))
                    .filter(l -> !l.isEmpty())
                    .toList();
        }
    }
}
