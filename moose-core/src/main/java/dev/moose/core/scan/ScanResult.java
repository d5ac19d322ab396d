package dev.moose.core.scan;

import dev.moose.core.model.InfraMap;
import java.util.List;

/** The declared infrastructure, how many classes were looked at, and warnings worth showing. */
public record ScanResult(InfraMap infraMap, int classesScanned, List<String> warnings) {

    public ScanResult {
        warnings = List.copyOf(warnings);
    }
}
