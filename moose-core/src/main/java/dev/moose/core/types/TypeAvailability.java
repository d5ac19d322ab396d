package dev.moose.core.types;

import dev.moose.core.version.Capabilities;
import dev.moose.core.version.ServerVersion;
import java.util.Optional;

/** Whether a column type exists on a ClickHouse release; the first problem found, worded for the user. */
public final class TypeAvailability {

    private TypeAvailability() {
    }

    /**
     * Why {@code type} cannot be a column type on {@code version}, or empty when it can.
     * Example: {@code "DateTime64 needs ClickHouse 20.1 or later"}.
     */
    public static Optional<String> problem(ClickHouseType type, ServerVersion version) {
        if (!Capabilities.isColumnTypeFamily(type.family())) {
            return Optional.of(type.family() + " cannot be the type of a stored column");
        }
        return walk(type, Capabilities.of(version));
    }

    private static Optional<String> walk(ClickHouseType type, Capabilities capabilities) {
        if (type.family().startsWith("Interval")) {
            return Optional.of(type.family() + " cannot be part of a column type");
        }
        Optional<ServerVersion> needs = capabilities.typeFamilyNeeds(type.family());
        if (needs.isPresent()) {
            return Optional.of(type.family() + " needs ClickHouse " + needs.get() + " or later");
        }
        Optional<ServerVersion> removed = capabilities.typeFamilyRemovedIn(type.family());
        if (removed.isPresent()) {
            return Optional.of(type.family() + " was removed in ClickHouse " + removed.get() + " (use JSON)");
        }
        if (type instanceof ClickHouseType.Decimal d) {
            Optional<ServerVersion> decimal = capabilities.decimalPrecisionNeeds(d.precision());
            if (decimal.isPresent()) {
                return Optional.of("Decimal with precision " + d.precision() + " needs ClickHouse " + decimal.get() + " or later");
            }
        }
        for (ClickHouseType child : type.children()) {
            Optional<String> p = walk(child, capabilities);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }
}
