package dev.moose.core.scan;

import dev.moose.annotations.Engine;
import dev.moose.core.Fix;
import dev.moose.core.MooseException;
import dev.moose.core.internal.sql.Credentials;
import dev.moose.core.internal.sql.Sql;
import dev.moose.core.model.Column;
import dev.moose.core.model.ColumnDefault;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.LifeCycle;
import dev.moose.core.model.MaterializedView;
import dev.moose.core.model.SqlResource;
import dev.moose.core.model.Table;
import dev.moose.core.model.TableEngine;
import dev.moose.core.model.TableIndex;
import dev.moose.core.model.TableProjection;
import dev.moose.core.model.View;
import dev.moose.core.types.ClickHouseType;
import dev.moose.core.types.JavaTypeMapping;
import dev.moose.core.types.JavaTypeRef;
import dev.moose.core.types.TypeAvailability;
import dev.moose.core.types.TypeParseException;
import io.github.classgraph.AnnotationInfo;
import io.github.classgraph.AnnotationInfoList;
import io.github.classgraph.ArrayTypeSignature;
import io.github.classgraph.BaseTypeSignature;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ClassRefTypeSignature;
import io.github.classgraph.FieldInfo;
import io.github.classgraph.TypeArgument;
import io.github.classgraph.TypeSignature;
import io.github.classgraph.TypeVariableSignature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the annotated classes of a project into an {@link InfraMap}, from class-file metadata only (no user code
 * runs). Every declaration error is collected and reported together ({@link DeclarationException}), each naming
 * the class and member and saying how to fix it.
 *
 * <pre>{@code
 * InfraMap code = SchemaScanner.scan(ScanRequest.of(List.of(Path.of("target/classes")), ServerVersion.CURRENT_LTS)).infraMap();
 * }</pre>
 */
public final class SchemaScanner {

    private static final String OLAP_TABLE = AnnotationValues.PACKAGE + "OlapTable";

    private final io.github.classgraph.ScanResult scan;
    private final ExternalClasses external;
    private final JavaTypeMapping mapping;
    private final dev.moose.core.version.ServerVersion version;
    private final List<DeclarationError> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    /** Which class declared each object key, to name both classes of a duplicate. */
    private final Map<String, String> origins = new TreeMap<>();

    /** The cluster of tables that name none ({@code null}: none). */
    private final String projectCluster;

    private SchemaScanner(io.github.classgraph.ScanResult scan, ExternalClasses external, dev.moose.core.version.ServerVersion version,
                          String projectCluster) {
        this.projectCluster = projectCluster;
        this.scan = scan;
        this.external = external;
        this.version = version;
        this.mapping = new JavaTypeMapping(version, this::userClass);
    }

    /**
     * Scans the classes of {@code request}.
     *
     * @throws DeclarationException listing every declaration error
     */
    public static ScanResult scan(ScanRequest request) {
        if (request.classDirectories().stream().noneMatch(java.nio.file.Files::isDirectory)) {
            // nothing compiled yet (or a project without sources): no declarations
            return new ScanResult(InfraMap.empty(), 0, List.of());
        }
        ClassGraph graph = new ClassGraph()
                .enableClassInfo()
                .enableFieldInfo()
                .enableAnnotationInfo()
                .ignoreFieldVisibility()
                .ignoreClassVisibility()
                .overrideClasspath(request.classDirectories().stream().filter(java.nio.file.Files::isDirectory)
                        .map(Path::toString).toList());
        if (!request.packages().isEmpty()) {
            graph.acceptPackages(request.packages().toArray(String[]::new));
        }
        List<Path> everything = new ArrayList<>(request.classDirectories());
        everything.addAll(request.classpath());
        try (io.github.classgraph.ScanResult result = graph.scan();
             ExternalClasses external = new ExternalClasses(everything)) {
            return new SchemaScanner(result, external, request.clickhouseVersion(), request.cluster()).read();
        }
    }

    private ScanResult read() {
        List<Table> tables = new ArrayList<>();
        List<MaterializedView> mvs = new ArrayList<>();
        List<View> views = new ArrayList<>();
        List<SqlResource> resources = new ArrayList<>();
        Set<ClassInfo> annotated = new LinkedHashSet<>();
        for (String a : List.of("OlapTable", "MaterializedView", "MaterializedViews", "View", "Views", "SqlResource", "SqlResources")) {
            annotated.addAll(scan.getClassesWithAnnotation(AnnotationValues.PACKAGE + a));
        }
        List<ClassInfo> classes = new ArrayList<>(annotated);
        classes.sort((a, b) -> a.getName().compareTo(b.getName()));
        for (ClassInfo ci : classes) {
            AnnotationInfoList annotations = ci.getAnnotationInfo();
            AnnotationInfo olap = annotations.get(OLAP_TABLE);
            Table table = null;
            if (olap != null) {
                table = readTable(ci, olap);
                if (table != null) {
                    claim(table.key(), "table", ci.getName());
                    tables.add(table);
                }
            }
            List<AnnotationInfo> mvAnnotations = AnnotationValues.repeatable(annotations, "MaterializedView", "MaterializedViews");
            if (!mvAnnotations.isEmpty() && olap == null) {
                error(ci.getName(), "@MaterializedView is on a class that is not an @OlapTable; put it on the class of the "
                        + "table the view writes to");
            }
            if (table != null) {
                for (AnnotationInfo mv : mvAnnotations) {
                    readMaterializedView(ci, mv, table).ifPresent(v -> {
                        claim(v.key(), "materialized view", ci.getName());
                        mvs.add(v);
                    });
                }
            }
            for (AnnotationInfo v : AnnotationValues.repeatable(annotations, "View", "Views")) {
                readView(ci, v).ifPresent(view -> {
                    claim(view.key(), "view", ci.getName());
                    views.add(view);
                });
            }
            for (AnnotationInfo r : AnnotationValues.repeatable(annotations, "SqlResource", "SqlResources")) {
                readSqlResource(ci, r).ifPresent(res -> {
                    claim("sql:" + res.key(), "SQL resource", ci.getName());
                    resources.add(res);
                });
            }
        }
        if (!errors.isEmpty()) {
            List<DeclarationError> sorted = new ArrayList<>(errors);
            Collections.sort(sorted);
            throw new DeclarationException(sorted);
        }
        InfraMap map = dedupedMap(tables, mvs, views, resources);
        return new ScanResult(map, scan.getAllClasses().size(), warnings);
    }

    private InfraMap dedupedMap(List<Table> tables, List<MaterializedView> mvs, List<View> views, List<SqlResource> resources) {
        try {
            return InfraMap.of(tables, mvs, views, resources);
        } catch (MooseException e) {
            throw new DeclarationException(List.of(new DeclarationError("(project)", e.getMessage())));
        }
    }

    /** Records who declared a name; a second declaration is an error naming both classes. */
    private void claim(String key, String kind, String className) {
        String objectKey = key.startsWith("sql:") ? key : "obj:" + key;
        String first = origins.putIfAbsent(objectKey, className + " (" + kind + ")");
        if (first != null) {
            error(className, "'" + key.replace("sql:", "") + "' is declared twice: as a " + kind + " here and as a "
                    + first.replace(" (", " ").replace(")", "") + "; give one of them another name");
        }
    }

    // ---------------------------------------------------------------------------------------------- tables

    private Table readTable(ClassInfo ci, AnnotationInfo olap) {
        String location = ci.getName();
        int errorsBefore = errors.size();
        AnnotationValues a = AnnotationValues.of(olap);
        String name = a.optionalString("name");
        if (name == null) {
            name = snakeCase(ci.getSimpleName());
        }
        List<Column> columns = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (FieldInfo f : columnFields(ci)) {
            readColumn(location, f).ifPresent(c -> {
                columns.add(c.column());
                if (c.key()) {
                    keys.add(c.column().name());
                }
            });
        }
        if (columns.isEmpty() && errors.size() == errorsBefore) {
            error(location, "@OlapTable '" + name + "' has no columns: declare record components or non-static fields");
            return null;
        }
        List<String> orderBy = a.strings("orderBy");
        boolean keysFromAnnotations = orderBy.isEmpty();
        if (keysFromAnnotations) {
            orderBy = keys;
        }
        TableEngine engine;
        String engineConstant = a.enumConstant("engine", Engine.MERGE_TREE.name());
        List<String> engineArgs = a.strings("engineArgs");
        try {
            engine = new TableEngine(Engine.valueOf(engineConstant).engineName(), engineArgs);
        } catch (IllegalArgumentException | MooseException e) {
            error(location, "engine " + engineConstant + engineArgs + " is not valid: " + e.getMessage());
            return null;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (AnnotationInfo s : a.annotations("settings")) {
            AnnotationValues sv = AnnotationValues.of(s);
            String key = sv.string("name", "");
            if (settings.put(key, sv.string("value", "")) != null) {
                error(location, "setting '" + key + "' is given twice");
            }
        }
        List<TableIndex> indexes = new ArrayList<>();
        for (AnnotationInfo i : AnnotationValues.repeatable(ci.getAnnotationInfo(), "Index", "Indexes")) {
            AnnotationValues iv = AnnotationValues.of(i);
            try {
                indexes.add(new TableIndex(iv.string("name", ""), iv.string("expression", ""), iv.string("type", ""),
                        iv.integer("granularity", 1)));
            } catch (MooseException e) {
                error(location, "@Index: " + e.getMessage());
            }
        }
        List<TableProjection> projections = new ArrayList<>();
        for (AnnotationInfo p : AnnotationValues.repeatable(ci.getAnnotationInfo(), "Projection", "Projections")) {
            AnnotationValues pv = AnnotationValues.of(p);
            try {
                projections.add(new TableProjection(pv.string("name", ""), stripParentheses(pv.string("query", ""))));
            } catch (MooseException e) {
                error(location, "@Projection: " + e.getMessage());
            }
        }
        if (errors.size() > errorsBefore) {
            return null;
        }
        Table table;
        try {
            table = new Table(name, a.optionalString("database"), columns, engine, orderBy, a.strings("primaryKey"),
                    a.optionalString("partitionBy"), a.optionalString("sampleBy"), new TreeMap<>(settings),
                    a.optionalString("ttl"), indexes, projections,
                    LifeCycle.valueOf(a.enumConstant("lifeCycle", LifeCycle.FULLY_MANAGED.name())),
                    Optional.ofNullable(a.optionalString("cluster")).orElse(projectCluster), a.optionalString("comment"));
        } catch (MooseException e) {
            error(location, e.getMessage());
            return null;
        }
        checkTable(location, table, keysFromAnnotations);
        return errors.size() > errorsBefore ? null : table;
    }

    /** Checks ClickHouse would refuse at CREATE time, found now with the class and member named. */
    private void checkTable(String location, Table t, boolean keysFromAnnotations) {
        Set<String> names = new LinkedHashSet<>(t.columnNames());
        String known = " (columns: " + String.join(", ", names) + ")";
        checkReferences(location, "orderBy", t.orderBy(), names, known);
        checkReferences(location, "primaryKey", t.primaryKey(), names, known);
        checkReferences(location, "partitionBy", t.partitionBy() == null ? List.of() : List.of(t.partitionBy()), names, known);
        checkReferences(location, "sampleBy", t.sampleBy() == null ? List.of() : List.of(t.sampleBy()), names, known);
        checkReferences(location, "ttl", t.ttl() == null ? List.of() : List.of(t.ttl()), names, known);
        for (TableIndex i : t.indexes()) {
            checkReferences(location, "@Index " + i.name(), List.of(i.expression()), names, known);
        }
        if (t.engine().isMergeTreeFamily()) {
            for (String element : t.orderBy()) {
                t.column(element).filter(c -> c.type().isNullable()).ifPresent(c -> error(location + "." + c.name(),
                        "column '" + c.name() + "' is Nullable and part of the sorting key, which ClickHouse refuses; "
                                + "remove @Nullable/Optional or take it out of " + (keysFromAnnotations ? "the @Key columns" : "orderBy")));
            }
            if (t.sampleBy() != null && t.effectivePrimaryKey().stream().noneMatch(k -> Sql.sameExpression(k, t.sampleBy()))) {
                error(location, "sampleBy '" + t.sampleBy() + "' must be part of the primary key " + Sql.keyExpression(t.effectivePrimaryKey())
                        + "; add it to orderBy");
            }
            for (String arg : t.engine().arguments()) {
                for (String ref : Sql.referencedColumns(arg)) {
                    if (!names.contains(ref)) {
                        error(location, "engine " + t.engine() + " refers to '" + ref + "', which is not a column" + known);
                    }
                }
            }
        }
        int required = switch (t.engine().baseName()) {
            case "CollapsingMergeTree" -> t.engine().isReplicated() ? 3 : 1;
            case "VersionedCollapsingMergeTree" -> t.engine().isReplicated() ? 4 : 2;
            case "Distributed" -> 3;
            case "Buffer" -> 9;
            case "Merge", "URL" -> 2;
            case "Join" -> 3;
            case "Dictionary", "File", "S3", "S3Queue" -> 1;
            default -> 0;
        };
        if (t.engine().arguments().size() < required) {
            error(location, "engine " + t.engine().name() + " needs at least " + required + " argument"
                    + (required == 1 ? "" : "s") + " in engineArgs, got " + t.engine().arguments().size());
        }
        List<String> engineArgs = t.engine().arguments();
        for (int i = 0; i < engineArgs.size(); i++) {
            if (Credentials.isCredentialArgument(t.engine().name(), i, engineArgs.size())) {
                String arg = engineArgs.get(i);
                if (arg.startsWith("'") && !Credentials.isEnvironmentReference(arg)) {
                    error(location, "engine " + t.engine().name() + " has a literal credential as argument " + (i + 1)
                            + "; read it from the environment instead: '${env:VARIABLE_NAME}'");
                }
            }
        }
        t.settings().forEach((k, v) -> {
            if (Credentials.isCredentialSetting(k) && !Credentials.isEnvironmentReference(v)) {
                error(location, "setting '" + k + "' holds a literal credential; read it from the environment instead: "
                        + "@Setting(name = \"" + k + "\", value = \"${env:VARIABLE_NAME}\")");
            }
        });
    }

    private void checkReferences(String location, String what, List<String> expressions, Set<String> columns, String known) {
        for (String e : expressions) {
            try {
                for (String ref : Sql.referencedColumns(e)) {
                    if (!columns.contains(ref)) {
                        error(location, what + " refers to '" + ref + "', which is not a column" + known);
                    }
                }
            } catch (MooseException ex) {
                error(location, what + " '" + e + "' is not valid SQL: " + ex.getMessage());
            }
        }
    }

    private record ColumnAndKey(Column column, boolean key) {
    }

    private Optional<ColumnAndKey> readColumn(String classLocation, FieldInfo f) {
        AnnotationInfoList ann = f.getAnnotationInfo();
        String location = classLocation + "." + f.getName();
        AnnotationInfo columnAnn = ann.get(AnnotationValues.PACKAGE + "Column");
        AnnotationValues column = columnAnn == null ? null : AnnotationValues.of(columnAnn);
        String name = column == null ? f.getName() : column.string("name", "");
        if (name.isBlank()) {
            name = f.getName();
        }
        String explicitType = column == null ? null : column.optionalString("type");
        TypeSignature signature = f.getTypeSignatureOrTypeDescriptor();
        boolean nullable = hasNullable(ann) || hasNullable(signature.getTypeAnnotationInfo());
        boolean lowCardinality = ann.containsName(AnnotationValues.PACKAGE + "LowCardinality");
        ClickHouseType type;
        try {
            if (explicitType != null) {
                type = ClickHouseType.parse(explicitType);
            } else {
                JavaTypeMapping.Mapped mapped = mapping.map(javaType(signature));
                type = mapped.type();
                nullable |= mapped.optional();
            }
            type = JavaTypeMapping.wrap(type, nullable, lowCardinality);
        } catch (TypeParseException e) {
            error(location, "@Column(type = \"" + explicitType + "\") is not a ClickHouse type: " + e.problem()
                    + " at position " + (e.position() + 1));
            return Optional.empty();
        } catch (MooseException e) {
            error(location, e.getMessage());
            return Optional.empty();
        }
        Optional<String> unavailable = TypeAvailability.problem(type, version);
        if (unavailable.isPresent()) {
            error(location, "the type " + type + " cannot be used: " + unavailable.get() + ", and this project targets "
                    + version + " (" + Fix.CLICKHOUSE_VERSION + "); choose another type with @Column(type = \"…\")"
                    + " or raise " + Fix.CLICKHOUSE_VERSION);
            return Optional.empty();
        }
        List<ColumnDefault> defaults = new ArrayList<>();
        List<String> defaultAnnotations = new ArrayList<>();
        for (ColumnDefault.Kind kind : List.of(ColumnDefault.Kind.DEFAULT, ColumnDefault.Kind.MATERIALIZED, ColumnDefault.Kind.ALIAS)) {
            String simple = kind == ColumnDefault.Kind.DEFAULT ? "Default" : kind == ColumnDefault.Kind.MATERIALIZED ? "Materialized" : "Alias";
            AnnotationInfo d = ann.get(AnnotationValues.PACKAGE + simple);
            if (d != null) {
                defaultAnnotations.add("@" + simple);
                try {
                    defaults.add(new ColumnDefault(kind, AnnotationValues.of(d).string("value", "")));
                } catch (MooseException e) {
                    error(location, "@" + simple + ": " + e.getMessage());
                    return Optional.empty();
                }
            }
        }
        if (defaults.size() > 1) {
            error(location, String.join(" and ", defaultAnnotations) + " on one column: a column has at most one of DEFAULT, "
                    + "MATERIALIZED and ALIAS; keep one");
            return Optional.empty();
        }
        String comment = stringValue(ann, "Comment");
        String codec = stringValue(ann, "Codec");
        String ttl = stringValue(ann, "Ttl");
        String renamedFrom = column == null ? null : column.optionalString("renamedFrom");
        try {
            Column c = new Column(name, type, defaults.isEmpty() ? null : defaults.get(0), comment, codec, ttl, renamedFrom);
            return Optional.of(new ColumnAndKey(c, ann.containsName(AnnotationValues.PACKAGE + "Key")));
        } catch (MooseException e) {
            error(location, e.getMessage());
            return Optional.empty();
        }
    }

    private static String stringValue(AnnotationInfoList ann, String simpleName) {
        AnnotationInfo a = ann.get(AnnotationValues.PACKAGE + simpleName);
        return a == null ? null : AnnotationValues.of(a).optionalString("value");
    }

    /** Any annotation whose simple name is {@code Nullable} counts: ours, JSpecify, JSR-305, Jakarta, Checker … */
    private static boolean hasNullable(AnnotationInfoList annotations) {
        if (annotations == null) {
            return false;
        }
        for (AnnotationInfo a : annotations) {
            String n = a.getName();
            if (n.equals("Nullable") || n.endsWith(".Nullable") || n.endsWith("$Nullable")) {
                return true;
            }
        }
        return false;
    }

    /** Columns of a class: superclass fields first, then its own, skipping static, transient, synthetic and @Ignore. */
    private List<FieldInfo> columnFields(ClassInfo ci) {
        List<ClassInfo> chain = new ArrayList<>();
        for (ClassInfo c = ci; c != null; c = superclassOf(c)) {
            chain.add(0, c);
        }
        List<FieldInfo> fields = new ArrayList<>();
        for (ClassInfo c : chain) {
            for (FieldInfo f : c.getDeclaredFieldInfo()) {
                if (f.isStatic() || f.isTransient() || f.isSynthetic() || f.getName().startsWith("this$")
                        || f.getAnnotationInfo().containsName(AnnotationValues.PACKAGE + "Ignore")) {
                    continue;
                }
                fields.add(f);
            }
        }
        return fields;
    }

    private ClassInfo superclassOf(ClassInfo c) {
        ClassInfo s = c.getSuperclass();
        if (s == null) {
            return null;
        }
        String name = s.getName();
        if (name.equals("java.lang.Object") || name.equals("java.lang.Record") || name.equals("java.lang.Enum")) {
            return null;
        }
        if (!s.isExternalClass() && !s.getDeclaredFieldInfo().isEmpty()) {
            return s;
        }
        return external.find(name).orElse(s);
    }

    // ---------------------------------------------------------------------------------------------- views

    private Optional<MaterializedView> readMaterializedView(ClassInfo ci, AnnotationInfo info, Table target) {
        AnnotationValues a = AnnotationValues.of(info);
        String name = a.string("name", "");
        String select = a.optionalString("select");
        if (select == null) {
            error(ci.getName(), "@MaterializedView '" + name + "' has no select; give the SELECT whose rows go into table '"
                    + target.name() + "'");
            return Optional.empty();
        }
        String database = a.optionalString("database");
        try {
            return Optional.of(new MaterializedView(name, database == null ? target.database() : database, target.name(),
                    target.database(), select, LifeCycle.valueOf(a.enumConstant("lifeCycle", LifeCycle.FULLY_MANAGED.name()))));
        } catch (MooseException e) {
            error(ci.getName(), "@MaterializedView: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<View> readView(ClassInfo ci, AnnotationInfo info) {
        AnnotationValues a = AnnotationValues.of(info);
        try {
            return Optional.of(new View(a.string("name", ""), a.optionalString("database"), a.optionalString("select"),
                    LifeCycle.valueOf(a.enumConstant("lifeCycle", LifeCycle.FULLY_MANAGED.name()))));
        } catch (MooseException e) {
            error(ci.getName(), "@View: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<SqlResource> readSqlResource(ClassInfo ci, AnnotationInfo info) {
        AnnotationValues a = AnnotationValues.of(info);
        try {
            return Optional.of(new SqlResource(a.string("name", ""), a.optionalString("database"), a.strings("setup"),
                    a.strings("teardown"), a.strings("dependsOn")));
        } catch (MooseException e) {
            error(ci.getName(), "@SqlResource: " + e.getMessage());
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------------------------------------- types

    /** Enums and records the mapping asks about: from this scan, else from the whole classpath. */
    private Optional<JavaTypeMapping.UserClass> userClass(String name) {
        ClassInfo ci = scan.getClassInfo(name);
        if (ci == null || ci.isExternalClass()) {
            ci = external.find(name).orElse(null);
        }
        if (ci == null) {
            return Optional.empty();
        }
        if (ci.isEnum()) {
            return Optional.of(new JavaTypeMapping.UserClass(name, true, ci.getEnumConstants().getNames(), List.of()));
        }
        List<dev.moose.core.types.JavaMember> members = new ArrayList<>();
        for (FieldInfo f : columnFields(ci)) {
            AnnotationInfoList ann = f.getAnnotationInfo();
            AnnotationInfo columnAnn = ann.get(AnnotationValues.PACKAGE + "Column");
            String memberName = columnAnn == null ? f.getName() : AnnotationValues.of(columnAnn).string("name", "");
            TypeSignature sig = f.getTypeSignatureOrTypeDescriptor();
            members.add(new dev.moose.core.types.JavaMember(memberName.isBlank() ? f.getName() : memberName, javaType(sig),
                    hasNullable(ann) || hasNullable(sig.getTypeAnnotationInfo()),
                    ann.containsName(AnnotationValues.PACKAGE + "LowCardinality"),
                    columnAnn == null ? null : AnnotationValues.of(columnAnn).optionalString("type")));
        }
        return Optional.of(new JavaTypeMapping.UserClass(name, false, List.of(), members));
    }

    static JavaTypeRef javaType(TypeSignature signature) {
        if (signature instanceof BaseTypeSignature b) {
            return new JavaTypeRef.Primitive(b.getTypeStr());
        }
        if (signature instanceof ArrayTypeSignature a) {
            JavaTypeRef element = javaType(a.getElementTypeSignature());
            for (int i = 0; i < a.getNumDimensions(); i++) {
                element = new JavaTypeRef.ArrayRef(element);
            }
            return element;
        }
        if (signature instanceof ClassRefTypeSignature c) {
            List<TypeArgument> args = c.getSuffixes().isEmpty() ? c.getTypeArguments()
                    : c.getSuffixTypeArguments().get(c.getSuffixTypeArguments().size() - 1);
            List<JavaTypeRef> refs = new ArrayList<>();
            for (TypeArgument arg : args) {
                if (arg.getWildcard() == TypeArgument.Wildcard.ANY || arg.getTypeSignature() == null) {
                    refs.add(new JavaTypeRef.Unresolvable("?"));
                } else if (arg.getWildcard() == TypeArgument.Wildcard.SUPER) {
                    refs.add(new JavaTypeRef.Unresolvable("? super " + arg.getTypeSignature()));
                } else {
                    refs.add(javaType(arg.getTypeSignature()));
                }
            }
            return new JavaTypeRef.ClassRef(c.getFullyQualifiedClassName(), refs);
        }
        if (signature instanceof TypeVariableSignature v) {
            return new JavaTypeRef.Unresolvable(v.getName());
        }
        return new JavaTypeRef.Unresolvable(String.valueOf(signature));
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private void error(String location, String problem) {
        errors.add(new DeclarationError(location, problem));
    }

    private static String stripParentheses(String query) {
        String q = query.strip();
        return q.startsWith("(") && q.endsWith(")") ? q.substring(1, q.length() - 1) : q;
    }

    /** {@code PageView} → {@code page_view}, {@code HTTPRequestLog} → {@code http_request_log}, {@code S3Event} → {@code s3_event}. */
    public static String snakeCase(String simpleName) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < simpleName.length(); i++) {
            char c = simpleName.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean afterLowerOrDigit = i > 0 && (Character.isLowerCase(simpleName.charAt(i - 1)) || Character.isDigit(simpleName.charAt(i - 1)));
                boolean endsAcronym = i > 0 && i + 1 < simpleName.length() && Character.isUpperCase(simpleName.charAt(i - 1))
                        && Character.isLowerCase(simpleName.charAt(i + 1));
                if (afterLowerOrDigit || endsAcronym) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
