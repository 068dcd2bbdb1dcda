package io.tapeflow.catalog;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.tapeflow.persistence.SqlParameters;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the copies of a page of files in one query, whatever the page's size. */
@Singleton
class CatalogCopies {

    private final JdbcOperations jdbc;

    CatalogCopies(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The copies of each file: tape parts in byte order, then container copies; every file id is a key.
     * Runs inside the caller's transaction.
     */
    Map<Long, List<CopyView>> of(List<Long> fileIds) {
        Map<Long, List<CopyView>> copies = new HashMap<>();
        fileIds.forEach(id -> copies.put(id, new ArrayList<>()));
        if (fileIds.isEmpty()) {
            return copies;
        }
        String sql = "SELECT file_id, tape_id, tape_barcode, tape_file, position, part_offset, part_length, container_id, path"
                + " FROM catalog_copy WHERE file_id IN (" + String.join(", ", Collections.nCopies(fileIds.size(), "?"))
                + ") ORDER BY file_id, tape_id IS NULL, part_offset, id";
        return jdbc.prepareStatement(sql, statement -> {
            SqlParameters.bind(statement, fileIds);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long tapeId = rs.getLong(2);
                    CopyView copy = rs.wasNull()
                            ? CopyView.inContainer(rs.getLong(8), rs.getString(9))
                            : CopyView.onTape(tapeId, rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getLong(6), rs.getLong(7));
                    copies.get(rs.getLong(1)).add(copy);
                }
            }
            return copies;
        });
    }
}
