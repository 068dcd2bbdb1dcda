package io.tapeflow.list;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static io.tapeflow.list.Widgets.ACTIVE;
import static io.tapeflow.list.Widgets.COLOR;
import static io.tapeflow.list.Widgets.CREATED;
import static io.tapeflow.list.Widgets.ID;
import static io.tapeflow.list.Widgets.NAME;
import static io.tapeflow.list.Widgets.PRIORITY;
import static io.tapeflow.list.Widgets.SCHEMA;
import static io.tapeflow.list.Widgets.params;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ListSqlTest {

    private static final List<SortTerm> BY_ID = List.of(new SortTerm(ID, false));
    private static final SqlFragment MINE = SqlFragment.of("w.owner_id = ?", 7L);

    // ---- filters ---------------------------------------------------------------------------------------------

    @Test
    void withoutFiltersTheScopeIsTheWholeCondition() {
        assertEquals(MINE, ListSql.where(query(List.of()), MINE));
    }

    @Test
    void filtersAreAndedToTheScopeWithParametersInOrder() {
        SqlFragment where = ListSql.where(query(List.of(
                new Filter(NAME, Operator.EQUAL, List.of("alpha")),
                new Filter(PRIORITY, Operator.GREATER_OR_EQUAL, List.of(3L)))), MINE);
        assertEquals("((w.owner_id = ?) AND (w.name = ?)) AND (w.priority >= ?)", where.sql());
        assertEquals(List.of(7L, "alpha", 3L), where.parameters());
    }

    @Test
    void comparisonOperatorsRenderAsTheirSqlOperator() {
        assertCondition("w.priority = ?", List.of(5L), PRIORITY, Operator.EQUAL, 5L);
        assertCondition("w.priority > ?", List.of(5L), PRIORITY, Operator.GREATER, 5L);
        assertCondition("w.priority >= ?", List.of(5L), PRIORITY, Operator.GREATER_OR_EQUAL, 5L);
        assertCondition("w.priority < ?", List.of(5L), PRIORITY, Operator.LESS, 5L);
        assertCondition("w.priority <= ?", List.of(5L), PRIORITY, Operator.LESS_OR_EQUAL, 5L);
        Instant day = Instant.parse("2025-01-01T00:00:00Z");
        assertCondition("w.created < ?", List.of(day), CREATED, Operator.LESS, day);
    }

    @Test
    void likeRendersThePatternAsABoundParameter() {
        assertCondition("w.name LIKE ?", List.of("al%"), NAME, Operator.LIKE, "al%");
    }

    @Test
    void aPrefixIndexedColumnIsNarrowedOnItsKeyForEqualityInAndLikeWithALiteralHead() {
        Attribute path = Attribute.prefixIndexed(Attribute.text("path", "f.path"), "f.path_key");
        assertCondition("((f.path_key LIKE ? AND f.path = ?))", List.of("/a\\_b", "/a_b"), path, Operator.EQUAL, "/a_b");
        assertCondition("((f.path_key LIKE ? AND f.path = ?) OR (f.path_key LIKE ? AND f.path = ?))", List.of("/a", "/a", "/b", "/b"),
                path, Operator.IN, "/a", "/b");
        assertCondition("((f.path_key LIKE ? AND f.path LIKE ?))", List.of("/x/y%", "/x/y%.txt"), path, Operator.LIKE, "/x/y%.txt");
        assertCondition("f.path LIKE ?", List.of("%.txt"), path, Operator.LIKE, "%.txt");
        assertCondition("(f.path <> ? OR f.path IS NULL)", List.of("/a"), path, Operator.NOT_EQUAL, "/a");
    }

    @Test
    void inListRendersOnePlaceholderPerValue() {
        assertCondition("w.priority IN (?, ?, ?)", List.of(1L, 2L, 3L), PRIORITY, Operator.IN, 1L, 2L, 3L);
        assertCondition("w.color IN (?)", List.of("red"), COLOR, Operator.IN, "red");
    }

    @Test
    void notEqualKeepsRowsWhereTheAttributeIsNull() {
        assertCondition("(w.name <> ? OR w.name IS NULL)", List.of("alpha"), NAME, Operator.NOT_EQUAL, "alpha");
        assertCondition("(w.active <> ? OR w.active IS NULL)", List.of(true), ACTIVE, Operator.NOT_EQUAL, true);
    }

    @Test
    void notInKeepsRowsWhereTheAttributeIsNull() {
        assertCondition("(w.priority NOT IN (?, ?) OR w.priority IS NULL)", List.of(1L, 2L), PRIORITY, Operator.NOT_IN, 1L, 2L);
    }

    @Test
    void notLikeKeepsRowsWhereTheAttributeIsNull() {
        assertCondition("(w.name NOT LIKE ? OR w.name IS NULL)", List.of("a%"), NAME, Operator.NOT_LIKE, "a%");
    }

    @Test
    void parsedRequestRendersToBoundConditionsNeverToItsText() {
        ListQuery query = ListQueryParser.parse(SCHEMA,
                params("name", "!~x'; DROP TABLE widget; --", "created", ">=2025-01-01", "created", "<2025-02-01",
                        "color", "!><red|blue"), Set.of());
        SqlFragment where = ListSql.where(query, SqlFragment.TRUE);
        assertEquals("((((1=1) AND ((w.name NOT LIKE ? OR w.name IS NULL))) AND (w.created >= ?)) AND (w.created < ?))"
                + " AND ((w.color NOT IN (?, ?) OR w.color IS NULL))", where.sql());
        assertEquals(List.of("x'; DROP TABLE widget; --", Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-02-01T00:00:00Z"), "red", "blue"), where.parameters());
    }

    // ---- count and page --------------------------------------------------------------------------------------

    @Test
    void countUsesTheSameConditionAndParameters() {
        SqlFragment count = ListSql.count(SCHEMA, MINE);
        assertEquals("SELECT COUNT(*) FROM widget w WHERE w.owner_id = ?", count.sql());
        assertEquals(List.of(7L), count.parameters());
    }

    @Test
    void pageSelectsSortKeysOrdersByThemAndAsksForOneRowMore() {
        ListQuery query = new ListQuery(List.of(), List.of(new SortTerm(PRIORITY, true), new SortTerm(ID, false)),
                10, 20, null, false);
        SqlFragment page = ListSql.page(SCHEMA, "w.*", query, MINE);
        assertEquals("SELECT w.*, w.priority AS sort_key_0, w.id AS sort_key_1 FROM widget w WHERE w.owner_id = ?"
                + " ORDER BY w.priority DESC, w.id ASC LIMIT ? OFFSET ?", page.sql());
        assertEquals(List.of(7L, 11L, 20L), page.parameters());
    }

    @Test
    void limitParameterIsTheLimitPlusOne() {
        assertEquals(List.of(1001L, 0L), ListSql.page(SCHEMA, "w.*", query(List.of(), BY_ID, 1000, null), SqlFragment.TRUE)
                .parameters());
        assertEquals(List.of(51L, 0L), ListSql.page(SCHEMA, "w.*", query(List.of()), SqlFragment.TRUE).parameters());
        assertEquals(List.of(1L, 0L), ListSql.page(SCHEMA, "w.*", query(List.of(), BY_ID, 0, null), SqlFragment.TRUE)
                .parameters());
    }

    @Test
    void sortKeyAliasesAreNumberedFromZero() {
        assertEquals("sort_key_0", ListSql.sortKeyAlias(0));
        assertEquals("sort_key_3", ListSql.sortKeyAlias(3));
    }

    // ---- keyset condition ------------------------------------------------------------------------------------

    @Test
    void cursorOnAscendingKeysContinuesAfterTheLastValues() {
        List<SortTerm> sort = List.of(new SortTerm(NAME, false), new SortTerm(ID, false));
        assertEquals(
                "(1=1) AND ((w.name > ?) OR (w.name = ? AND w.id > ?))",
                pageWhere(sort, List.of("beta", 42L)).sql());
        assertEquals(List.of("beta", "beta", 42L, 51L, 0L), pageWhere(sort, List.of("beta", 42L)).parameters());
    }

    @Test
    void cursorOnADescendingKeyAlsoTakesTheNullsThatSortLast() {
        List<SortTerm> sort = List.of(new SortTerm(PRIORITY, true), new SortTerm(NAME, false), new SortTerm(ID, false));
        SqlFragment page = pageWhere(sort, List.of(5L, "beta", 42L));
        assertEquals("(1=1) AND (((w.priority < ? OR w.priority IS NULL))"
                + " OR (w.priority = ? AND w.name > ?)"
                + " OR (w.priority = ? AND w.name = ? AND w.id > ?))", page.sql());
        assertEquals(List.of(5L, 5L, "beta", 5L, "beta", 42L, 51L, 0L), page.parameters());
    }

    @Test
    void cursorOnADescendingIdUsesLessThan() {
        List<SortTerm> sort = List.of(new SortTerm(CREATED, false), new SortTerm(ID, true));
        Instant last = Instant.parse("2025-01-01T10:00:00.123456Z");
        SqlFragment page = pageWhere(sort, List.of(last, 42L));
        assertEquals("(1=1) AND ((w.created > ?) OR (w.created = ? AND (w.id < ? OR w.id IS NULL)))", page.sql());
        assertEquals(List.of(last, last, 42L, 51L, 0L), page.parameters());
    }

    @Test
    void afterANullOnAnAscendingKeyEveryNonNullFollows() {
        List<SortTerm> sort = List.of(new SortTerm(NAME, false), new SortTerm(ID, false));
        SqlFragment page = pageWhere(sort, Arrays.asList(null, 42L));
        assertEquals("(1=1) AND ((w.name IS NOT NULL) OR (w.name IS NULL AND w.id > ?))", page.sql());
        assertEquals(List.of(42L, 51L, 0L), page.parameters());
    }

    @Test
    void afterANullOnADescendingKeyOnlyTheTieBreakerContinues() {
        List<SortTerm> sort = List.of(new SortTerm(NAME, true), new SortTerm(ID, false));
        SqlFragment page = pageWhere(sort, Arrays.asList(null, 42L));
        assertEquals("(1=1) AND ((w.name IS NULL AND w.id > ?))", page.sql());
        assertEquals(List.of(42L, 51L, 0L), page.parameters());
    }

    @Test
    void nullsInTheMiddleOfTheKeysMatchWithIsNull() {
        List<SortTerm> sort = List.of(new SortTerm(ACTIVE, false), new SortTerm(CREATED, true), new SortTerm(ID, false));
        SqlFragment page = pageWhere(sort, Arrays.asList(true, null, 42L));
        assertEquals("(1=1) AND ((w.active > ?) OR (w.active = ? AND w.created IS NULL AND w.id > ?))", page.sql());
        assertEquals(List.of(true, true, 42L, 51L, 0L), page.parameters());
    }

    @Test
    void nothingFollowsWhenEveryKeyIsANullSortedDescending() {
        List<SortTerm> sort = List.of(new SortTerm(NAME, true));
        assertEquals("(1=1) AND (1=0)", pageWhere(sort, Arrays.asList((Object) null)).sql());
    }

    @Test
    void pageParametersAreScopeThenFiltersThenKeysetThenLimitAndOffset() {
        List<SortTerm> sort = List.of(new SortTerm(PRIORITY, false), new SortTerm(ID, false));
        ListQuery query = new ListQuery(List.of(new Filter(NAME, Operator.LIKE, List.of("a%"))), sort, 25, 0,
                new Cursor(SortTerm.signature(sort), List.of(3L, 9L)), false);
        SqlFragment page = ListSql.page(SCHEMA, "w.id, w.name", query, ListSql.where(query, MINE));
        assertEquals("SELECT w.id, w.name, w.priority AS sort_key_0, w.id AS sort_key_1 FROM widget w"
                + " WHERE ((w.owner_id = ?) AND (w.name LIKE ?)) AND ((w.priority > ?) OR (w.priority = ? AND w.id > ?))"
                + " ORDER BY w.priority ASC, w.id ASC LIMIT ? OFFSET ?", page.sql());
        assertEquals(List.of(7L, "a%", 3L, 3L, 9L, 26L, 0L), page.parameters());
    }

    @Test
    void parsedCursorRendersItsKeysetCondition() {
        Cursor next = new Cursor("priority:desc|id:desc", List.of(4L, 17L));
        ListQuery query = ListQueryParser.parse(SCHEMA, params("sort_by", "priority:desc", "limit", "2", "cursor",
                next.encode()), Set.of());
        SqlFragment page = ListSql.page(SCHEMA, "w.*", query, ListSql.where(query, SqlFragment.TRUE));
        assertEquals("SELECT w.*, w.priority AS sort_key_0, w.id AS sort_key_1 FROM widget w"
                + " WHERE (1=1) AND (((w.priority < ? OR w.priority IS NULL)) OR (w.priority = ? AND (w.id < ? OR w.id IS NULL)))"
                + " ORDER BY w.priority DESC, w.id DESC LIMIT ? OFFSET ?", page.sql());
        assertEquals(List.of(4L, 4L, 17L, 3L, 0L), page.parameters());
    }

    @Test
    void sortSignatureNamesEachKeyAndDirection() {
        assertEquals("priority:desc|name:asc|id:asc", SortTerm.signature(
                List.of(new SortTerm(PRIORITY, true), new SortTerm(NAME, false), new SortTerm(ID, false))));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static ListQuery query(List<Filter> filters) {
        return query(filters, BY_ID, ListQueryParser.DEFAULT_LIMIT, null);
    }

    private static ListQuery query(List<Filter> filters, List<SortTerm> sort, int limit, Cursor cursor) {
        return new ListQuery(filters, sort, limit, 0, cursor, false);
    }

    private static SqlFragment pageWhere(List<SortTerm> sort, List<Object> last) {
        ListQuery query = query(List.of(), sort, ListQueryParser.DEFAULT_LIMIT, new Cursor(SortTerm.signature(sort), last));
        SqlFragment page = ListSql.page(SCHEMA, "w.*", query, SqlFragment.TRUE);
        String sql = page.sql();
        String where = sql.substring(sql.indexOf(" WHERE ") + 7, sql.indexOf(" ORDER BY "));
        return new SqlFragment(where, page.parameters());
    }

    private static void assertCondition(String sql, List<Object> parameters, Attribute attribute, Operator operator,
                                        Object... values) {
        SqlFragment where = ListSql.where(query(List.of(new Filter(attribute, operator, List.of(values)))), SqlFragment.TRUE);
        assertEquals("(1=1) AND (" + sql + ")", where.sql());
        assertEquals(parameters, where.parameters());
    }
}
