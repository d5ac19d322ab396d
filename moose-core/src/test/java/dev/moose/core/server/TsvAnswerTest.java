package dev.moose.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TsvAnswerTest {

    private static List<Row> read(String text) {
        List<Row> rows = new ArrayList<>();
        TsvAnswer.read(text, rows::add);
        return rows;
    }

    @Test
    void valuesAreUnescapedAndNullIsNull() {
        List<Row> rows = read("s\tn\tx\nString\tNullable(UInt8)\tUInt64\n"
                + "tab\\there\\nline \\\\ back \\' quote\t\\N\t18446744073709551615\n");
        assertThat(rows).hasSize(1);
        Row r = rows.get(0);
        assertThat(r.getString(1)).isEqualTo("tab\there\nline \\ back ' quote");
        assertThat(r.getString("n")).isNull();
        assertThat(r.isNull(2)).isTrue();
        assertThat(r.getLong(3)).isEqualTo(-1L); // UInt64 max keeps its bits
    }

    @Test
    void anEmptyAnswerHasNoRowsAndAHeaderOnlyAnswerToo() {
        assertThat(read("")).isEmpty();
        assertThat(read("a\nUInt8\n")).isEmpty();
    }

    @Test
    void aNullInAColumnThatCannotHoldOneIsRefused() {
        assertThatThrownBy(() -> read("a\tb\nUInt8\tString\n1\t\\N\n"))
                .hasMessageContaining("row 1 has NULL in column b of type String");
    }

    @Test
    void aRowWithTheWrongNumberOfValuesIsRefused() {
        assertThatThrownBy(() -> read("a\tb\nUInt8\tString\n1\n")).hasMessageContaining("row 1 has 1 values for 2 columns");
        assertThatThrownBy(() -> read("a\tb\nUInt8\tString\n1\tx")).hasMessageContaining("does not end with a newline");
    }

    @Test
    void numbersAreReadStrictly() {
        Row r = read("a\tb\tc\nNullable(UInt8)\tString\tFloat64\n\\N\tx\tinf\n").get(0);
        assertThatThrownBy(() -> r.getLong(1)).hasMessageContaining("column 1 (a Nullable(UInt8)) is NULL");
        assertThatThrownBy(() -> r.getInt(2)).hasMessageContaining("holds 'x', not an integer");
        assertThat(r.getDouble(3)).isInfinite();
    }
}
