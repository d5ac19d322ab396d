package dev.moose.core.scan;

import io.github.classgraph.AnnotationEnumValue;
import io.github.classgraph.AnnotationInfo;
import io.github.classgraph.AnnotationInfoList;
import io.github.classgraph.AnnotationParameterValueList;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of annotation parameters from class-file metadata. The annotation classes themselves need not be
 * on the scanned path, so defaults are applied here, not taken from ClassGraph.
 */
final class AnnotationValues {

    static final String PACKAGE = "dev.moose.annotations.";

    private final AnnotationParameterValueList values;

    private AnnotationValues(AnnotationInfo info) {
        this.values = info.getParameterValues();
    }

    static AnnotationValues of(AnnotationInfo info) {
        return new AnnotationValues(info);
    }

    String string(String name, String fallback) {
        Object v = values.getValue(name);
        return v == null ? fallback : v.toString();
    }

    /** A string parameter, {@code null} when absent or blank. */
    String optionalString(String name) {
        String s = string(name, null);
        return s == null || s.isBlank() ? null : s;
    }

    int integer(String name, int fallback) {
        Object v = values.getValue(name);
        return v instanceof Number n ? n.intValue() : fallback;
    }

    List<String> strings(String name) {
        Object v = values.getValue(name);
        List<String> out = new ArrayList<>();
        if (v instanceof Object[] array) {
            for (Object o : array) {
                out.add(String.valueOf(o));
            }
        } else if (v != null) {
            out.add(v.toString());
        }
        return out;
    }

    /** An enum parameter's constant name, or the fallback. */
    String enumConstant(String name, String fallback) {
        Object v = values.getValue(name);
        return v instanceof AnnotationEnumValue e ? e.getValueName() : fallback;
    }

    /** Nested annotations in an array parameter. */
    List<AnnotationInfo> annotations(String name) {
        Object v = values.getValue(name);
        List<AnnotationInfo> out = new ArrayList<>();
        if (v instanceof Object[] array) {
            for (Object o : array) {
                if (o instanceof AnnotationInfo a) {
                    out.add(a);
                }
            }
        } else if (v instanceof AnnotationInfo a) {
            out.add(a);
        }
        return out;
    }

    /**
     * A repeatable annotation: the single occurrence, or the members of its container ({@code Index} and
     * {@code Indexes}).
     */
    static List<AnnotationInfo> repeatable(AnnotationInfoList annotations, String simpleName, String containerSimpleName) {
        List<AnnotationInfo> out = new ArrayList<>();
        AnnotationInfo single = annotations.get(PACKAGE + simpleName);
        if (single != null) {
            out.add(single);
        }
        AnnotationInfo container = annotations.get(PACKAGE + containerSimpleName);
        if (container != null) {
            out.addAll(of(container).annotations("value"));
        }
        return out;
    }
}
