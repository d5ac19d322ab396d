package dev.moose.core.types;

import java.util.List;

/**
 * A Java type as it appears in a compiled member's signature, read without loading the class: what the Java to
 * ClickHouse mapping works on.
 */
public sealed interface JavaTypeRef {

    /** {@code int}, {@code long}, {@code boolean} … */
    record Primitive(String name) implements JavaTypeRef {
        @Override public String toString() { return name; }
    }

    /** A class or interface with its type arguments: {@code java.util.List<java.lang.String>}. */
    record ClassRef(String className, List<JavaTypeRef> typeArguments) implements JavaTypeRef {
        public ClassRef {
            typeArguments = List.copyOf(typeArguments);
        }

        public static ClassRef of(String className, JavaTypeRef... arguments) {
            return new ClassRef(className, List.of(arguments));
        }

        @Override
        public String toString() {
            return typeArguments.isEmpty() ? className
                    : className + "<" + String.join(", ", typeArguments.stream().map(Object::toString).toList()) + ">";
        }
    }

    /** {@code T[]}. */
    record ArrayRef(JavaTypeRef component) implements JavaTypeRef {
        @Override public String toString() { return component + "[]"; }
    }

    /** A type variable or wildcard: nothing can be mapped from it. */
    record Unresolvable(String text) implements JavaTypeRef {
        @Override public String toString() { return text; }
    }
}
