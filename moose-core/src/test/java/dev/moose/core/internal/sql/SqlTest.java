package dev.moose.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlTest {

    @Test
    void quotesIdentifiersAndStrings() {
        assertThat(Sql.quoteIdentifier("events")).isEqualTo("`events`");
        assertThat(Sql.quoteIdentifier("we`ird\\name")).isEqualTo("`we\\`ird\\\\name`");
        assertThat(Sql.qualified("db", "t")).isEqualTo("`db`.`t`");
        assertThat(Sql.qualified(null, "t")).isEqualTo("`t`");
        assertThat(Sql.quoteString("it's\na \\ test")).isEqualTo("'it\\'s\\na \\\\ test'");
        assertThat(Sql.unquoteString("'it\\'s\\na \\\\ test'")).isEqualTo("it's\na \\ test");
        assertThat(Sql.unquoteString("'it''s'")).isEqualTo("it's");
        assertThat(Sql.unquoteIdentifier("`a``b`")).isEqualTo("a`b");
        assertThat(Sql.identifierIfNeeded("plain_1")).isEqualTo("plain_1");
        assertThat(Sql.identifierIfNeeded("a.b")).isEqualTo("`a.b`");
        assertThat(Sql.identifierIfNeeded("null")).isEqualTo("`null`");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "toYYYYMM( ts )                       | toYYYYMM(ts)",
            "a+b*c                                | a + b * c",
            "`a_date`                             | a_date",
            "`from`                               | `from`",
            "`my col`                             | `my col`",
            "-1                                   | -1",
            "x - -1                               | x - -1",
            "f(a,b)                               | f(a, b)",
            "x IN (1,2)                           | x IN (1, 2)",
            "quantile(0.5)(x)                     | quantile(0.5)(x)",
            "arr[1]                               | arr[1]",
            "[1,2]                                | [1, 2]",
            "(a, b)                               | (a, b)",
            "a.b                                  | a.b",
            "x -> x + 1                           | x -> x + 1",
            "'it''s'                              | 'it''s'",
            "ts + INTERVAL 1 DAY                  | ts + INTERVAL 1 DAY",
            "CAST(x AS String)                    | CAST(x AS String)",
            "a AND (b OR c)                       | a AND (b OR c)",
            "-- comment\\n a                       | a",
    })
    void tidyChangesOnlySpacingAndNeedlessQuotes(String input, String expected) {
        assertThat(Sql.tidy(input.replace("\\n", "\n"))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "ts + INTERVAL 1 DAY                  | ts + toIntervalDay(1)",
            "toDate(ts) as day                    | toDate(ts) as day",
            "a == b                               | a = b",
            "a <> b                               | a != b",
            "1.0                                  | 1",
            "1.50                                 | 1.5",
            "0x10                                 | 16",
            "(a + b)                              | a + b",
            "((x))                                | x",
            "CAST(x AS String)                    | CAST(x, 'String')",
            "cast(x as Nullable(String))          | cast(x, 'Nullable(String)')",
            "'it''s'                              | 'it\\'s'",
            "TRUE                                 | true",
            "select a from t where b              | SELECT a FROM t WHERE b",
    })
    void comparableAbsorbsHowClickHouseRewritesExpressions(String input, String expected) {
        assertThat(Sql.comparable(input)).isEqualTo(Sql.comparable(expected));
    }

    @Test
    void sameExpression() {
        assertThat(Sql.sameExpression("ts + INTERVAL 30 DAY", "ts + toIntervalDay(30)")).isTrue();
        assertThat(Sql.sameExpression("toYYYYMM(ts)", "toYYYYMMDD(ts)")).isFalse();
        assertThat(Sql.sameExpression(null, "")).isTrue();
        assertThat(Sql.sameExpression("day", "DAY")).as("identifiers keep their case").isFalse();
    }

    @Test
    void keyElements() {
        assertThat(Sql.keyElements("(id, intHash32(h), ts)")).containsExactly("id", "intHash32(h)", "ts");
        assertThat(Sql.keyElements("id, intHash32(h), ts")).containsExactly("id", "intHash32(h)", "ts");
        assertThat(Sql.keyElements("tuple()")).isEmpty();
        assertThat(Sql.keyElements("tuple(a, b)")).containsExactly("a", "b");
        assertThat(Sql.keyElements("(a)")).containsExactly("a");
        assertThat(Sql.keyElements("")).isEmpty();
        assertThat(Sql.keyElements("(a + 1) * 2")).containsExactly("(a + 1) * 2");
        assertThat(Sql.keyExpression(java.util.List.of())).isEqualTo("tuple()");
        assertThat(Sql.keyExpression(java.util.List.of("a"))).isEqualTo("a");
        assertThat(Sql.keyExpression(java.util.List.of("a", "b"))).isEqualTo("(a, b)");
    }

    @Test
    void referencedColumns() {
        assertThat(Sql.referencedColumns("toYYYYMM(ts) + x")).containsExactly("ts", "x");
        assertThat(Sql.referencedColumns("arrayMap(v -> v * k, vals)")).containsExactly("k", "vals");
        assertThat(Sql.referencedColumns("ts + INTERVAL 1 DAY")).containsExactly("ts");
        assertThat(Sql.referencedColumns("t.a + `b c`")).containsExactly("b c");
        assertThat(Sql.referencedColumns("'literal' || name")).containsExactly("name");
    }

    @Test
    void lexerErrorsPointAtThePosition() {
        assertThatThrownBy(() -> Sql.tidy("f('unterminated"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageStartingWith("Unterminated string at position 3");
    }
}
