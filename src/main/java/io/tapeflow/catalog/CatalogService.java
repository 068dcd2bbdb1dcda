package io.tapeflow.catalog;

import io.micronaut.transaction.annotation.ReadOnly;
import io.tapeflow.api.ApiException;
import io.tapeflow.api.PathIds;
import io.tapeflow.library.Tape;
import io.tapeflow.list.Attribute;
import io.tapeflow.list.ListExecutor;
import io.tapeflow.list.ListPage;
import io.tapeflow.list.ListQuery;
import io.tapeflow.list.ListSchema;
import io.tapeflow.list.SqlFragment;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** The catalog, read-only: which files are archived and where each copy of them lives. */
@Singleton
public class CatalogService {

    static final ListSchema SCHEMA = ListSchema.of("files", "catalog_file", List.of(
            Attribute.integer("id", "id"),
            Attribute.prefixIndexed(Attribute.text("path", "path"), "path_key"),
            Attribute.integer("size", "size"),
            Attribute.instant("modification_date", "modification_date"),
            Attribute.instant("creation_date", "creation_date"),
            Attribute.text("checksum", "checksum"),
            Attribute.text("checksum_type", "checksum_type"),
            Attribute.integer("execution_id", "execution_id"),
            Attribute.related(Attribute.text("barcode", "c.tape_barcode"),
                    "SELECT 1 FROM catalog_copy c WHERE c.file_id = catalog_file.id AND %s"),
            Attribute.related(Attribute.integer("tape_id", "c.tape_id"),
                    "SELECT 1 FROM catalog_copy c WHERE c.file_id = catalog_file.id AND %s")));

    /** The files on one tape: one row per copy there, so that they list in the tape's own order. */
    static final ListSchema TAPE_SCHEMA = ListSchema.of("files", "catalog_copy c JOIN catalog_file f ON f.id = c.file_id", List.of(
            Attribute.integer("id", "f.id"),
            Attribute.prefixIndexed(Attribute.text("path", "f.path"), "f.path_key"),
            Attribute.integer("size", "f.size"),
            Attribute.instant("modification_date", "f.modification_date"),
            Attribute.instant("creation_date", "f.creation_date"),
            Attribute.text("checksum", "f.checksum"),
            Attribute.text("checksum_type", "f.checksum_type"),
            Attribute.integer("execution_id", "f.execution_id"),
            Attribute.integer("tape_file", "c.tape_file"),
            Attribute.integer("position", "c.position")));

    private final ListExecutor lists;
    private final CatalogCopies copies;
    private final CatalogFileRepository files;

    public CatalogService(ListExecutor lists, CatalogCopies copies, CatalogFileRepository files) {
        this.lists = lists;
        this.copies = copies;
        this.files = files;
    }

    @ReadOnly
    public CatalogFileList list(ListQuery query) {
        return withCopies(lists.fetch(SCHEMA, "*", query, SqlFragment.TRUE, CatalogFile.class));
    }

    /** @param query sorted by the caller; {@link #TAPE_SCHEMA} sorts by tape file and position */
    @ReadOnly
    public CatalogFileList onTape(Tape tape, ListQuery query) {
        return withCopies(lists.fetch(TAPE_SCHEMA, "f.*", query, SqlFragment.of("c.tape_id = ?", tape.id()), CatalogFile.class));
    }

    /** @throws ApiException 404 when no file has this numeric id */
    @ReadOnly
    public CatalogFileView find(String id) {
        CatalogFile file = PathIds.numeric(id).stream().boxed().flatMap(n -> files.findById(n).stream()).findFirst()
                .orElseThrow(() -> ApiException.notFound("file", id));
        return CatalogFileView.of(file, copies.of(List.of(file.id())).get(file.id()));
    }

    private CatalogFileList withCopies(ListPage<CatalogFile> page) {
        Map<Long, List<CopyView>> byFile = copies.of(page.rows().stream().map(CatalogFile::id).distinct().toList());
        return new CatalogFileList(page.count(), page.rows().stream()
                .map(file -> CatalogFileView.of(file, byFile.get(file.id()))).toList(), page.nextCursor());
    }
}
