package dev.moose.core.types;

/**
 * A field or record component of a user class as the mapping needs it: its Java type and the column annotations
 * that change its ClickHouse type. Used for nested records, whose members become tuple elements.
 *
 * @param explicitType the {@code @Column(type)} text, or {@code null}
 */
public record JavaMember(String name, JavaTypeRef type, boolean nullable, boolean lowCardinality, String explicitType) {
}
