package io.tapeflow.list;

import io.micronaut.http.HttpStatus;
import io.tapeflow.api.ApiError.FieldError;
import io.tapeflow.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListQueryParserTest {

    private static final String NOT_A_CURSOR = "cursor is not valid: pass the next_cursor of a previous page";

    // ---- filters: operators -------------------------------------------------------------------------------

    @Test
    void valueWithoutPrefixIsAnEqualityFilter() {
        assertEquals(List.of(new Filter(NAME, Operator.EQUAL, List.of("alpha"))), parse("name", "alpha").filters());
    }

    @Test
    void explicitEqualsPrefixIsNotPartOfTheValue() {
        assertEquals(List.of(new Filter(NAME, Operator.EQUAL, List.of("alpha"))), parse("name", "=alpha").filters());
    }

    @ParameterizedTest(name = "priority={0} is {1}")
    @CsvSource(delimiter = ';', value = {
            "5;     EQUAL;            5",
            "=5;    EQUAL;            5",
            "!=5;   NOT_EQUAL;        5",
            ">5;    GREATER;          5",
            ">=5;   GREATER_OR_EQUAL; 5",
            "<5;    LESS;             5",
            "<=5;   LESS_OR_EQUAL;    5",
            "><1|2|3; IN;             1|2|3",
            "!><1|2;  NOT_IN;         1|2",
            "><7;   IN;               7",
    })
    void eachOperatorPrefixIsRecognisedOnIntegers(String raw, Operator operator, String expected) {
        List<Object> values = Arrays.stream(expected.split("\\|")).map(v -> (Object) Long.valueOf(v)).toList();
        assertEquals(List.of(new Filter(PRIORITY, operator, values)), parse("priority", raw).filters());
    }

    @Test
    void likeKeepsThePatternAsGiven() {
        assertEquals(List.of(new Filter(NAME, Operator.LIKE, List.of("al%_x"))), parse("name", "~al%_x").filters());
    }

    @Test
    void notLikeKeepsThePatternAsGiven() {
        assertEquals(List.of(new Filter(NAME, Operator.NOT_LIKE, List.of("%beta"))), parse("name", "!~%beta").filters());
    }

    @Test
    void inListOfTextKeepsEmptyMembers() {
        assertEquals(List.of(new Filter(NAME, Operator.IN, List.of("a", "", "b c"))), parse("name", "><a||b c").filters());
    }

    @Test
    void textValueIsNotTrimmed() {
        assertEquals(List.of(" a "), parse("name", " a ").filters().get(0).values());
    }

    // ---- filters: value types -------------------------------------------------------------------------------

    @Test
    void integerValuesAreParsedAsLong() {
        Object value = parse("priority", "9000000000").filters().get(0).values().get(0);
        assertEquals(Long.class, value.getClass());
        assertEquals(9_000_000_000L, value);
    }

    @Test
    void negativeAndSpacePaddedIntegersAreAccepted() {
        assertEquals(List.of(-7L), parse("priority", "-7").filters().get(0).values());
        assertEquals(List.of(12L), parse("priority", ">= 12 ").filters().get(0).values());
    }

    @ParameterizedTest
    @ValueSource(strings = {"high", "1.5", "", "12345678901234567890"})
    void nonIntegerValueIsInvalid(String raw) {
        ApiException e = refused("priority", raw);
        assertEquals(Map.of("priority", List.of(new FieldError("invalid", raw))), e.body().details());
        assertEquals(List.of("priority must be an integer, not '" + raw + "'"), e.body().messages());
    }

    @Test
    void oneBadMemberOfAnInListIsNamed() {
        ApiException e = refused("priority", "><1|x|3");
        assertEquals(Map.of("priority", List.of(new FieldError("invalid", "x"))), e.body().details());
    }

    @ParameterizedTest(name = "created={0} is {1}")
    @CsvSource({
            "2025-01-01,                          2025-01-01T00:00:00Z",
            "2025-01-01T10:15:30Z,                2025-01-01T10:15:30Z",
            "2025-01-01T10:15:30+02:00,           2025-01-01T08:15:30Z",
            "2025-01-01T01:15:30-03:30,           2025-01-01T04:45:30Z",
            "2025-01-01T10:15:30,                 2025-01-01T10:15:30Z",
            "2025-01-01T10:15,                    2025-01-01T10:15:00Z",
            "2025-01-01T10:15:30.123456789Z,      2025-01-01T10:15:30.123456789Z",
            "2025-01-01T10:15:30.5,               2025-01-01T10:15:30.500Z",
    })
    void instantsAreReadFromIsoDatesAndDateTimesWithOrWithoutOffset(String raw, String expected) {
        Object value = parse("created", raw).filters().get(0).values().get(0);
        assertEquals(Instant.class, value.getClass());
        assertEquals(Instant.parse(expected), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-13-01", "2025-02-30", "yesterday", "2025-01-01 10:15:30", "1735689600", "2025-01-01Z"})
    void malformedInstantIsInvalid(String raw) {
        ApiException e = refused("created", raw);
        assertEquals(Map.of("created", List.of(new FieldError("invalid", raw))), e.body().details());
        assertEquals(List.of("created must be an ISO-8601 date or date-time, not '" + raw + "'"), e.body().messages());
    }

    @ParameterizedTest(name = "active={0} is {1}")
    @CsvSource({"true, true", "false, false", "1, true", "0, false", "TRUE, true", "False, false"})
    void booleansAreReadFromTrueFalseOneAndZero(String raw, boolean expected) {
        Object value = parse("active", raw).filters().get(0).values().get(0);
        assertEquals(Boolean.class, value.getClass());
        assertEquals(expected, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "2", "t", ""})
    void otherBooleanValuesAreInvalid(String raw) {
        ApiException e = refused("active", raw);
        assertEquals(Map.of("active", List.of(new FieldError("invalid", raw))), e.body().details());
        assertEquals(List.of("active must be true or false, not '" + raw + "'"), e.body().messages());
    }

    @Test
    void enumerationValueIsKeptAsItsName() {
        assertEquals(List.of(new Filter(COLOR, Operator.IN, List.of("red", "blue"))), parse("color", "><red|blue").filters());
    }

    @Test
    void unknownEnumerationValueIsAnInclusionError() {
        ApiException e = refused("color", "purple");
        assertEquals(Map.of("color", List.of(new FieldError("inclusion", "purple"))), e.body().details());
        assertEquals(List.of("color must be one of red, green, blue"), e.body().messages());
    }

    @Test
    void enumerationValuesAreCaseSensitive() {
        ApiException e = refused("color", "!><green|RED");
        assertEquals(Map.of("color", List.of(new FieldError("inclusion", "RED"))), e.body().details());
    }

    @Test
    void patternOnAnEnumerationIsNotCheckedAgainstItsValues() {
        assertEquals(List.of(new Filter(COLOR, Operator.LIKE, List.of("gr%"))), parse("color", "~gr%").filters());
    }

    // ---- filters: ranges, refused operators, unknown attributes --------------------------------------------

    @Test
    void repeatedParameterFormsARange() {
        ListQuery query = parse("created", ">=2025-01-01", "created", "<2025-02-01");
        assertEquals(List.of(
                new Filter(CREATED, Operator.GREATER_OR_EQUAL, List.of(Instant.parse("2025-01-01T00:00:00Z"))),
                new Filter(CREATED, Operator.LESS, List.of(Instant.parse("2025-02-01T00:00:00Z")))), query.filters());
    }

    @Test
    void filtersOnSeveralAttributesAreAllKept() {
        ListQuery query = parse("name", "~a%", "priority", ">3", "active", "true");
        assertEquals(List.of(
                new Filter(NAME, Operator.LIKE, List.of("a%")),
                new Filter(PRIORITY, Operator.GREATER, List.of(3L)),
                new Filter(ACTIVE, Operator.EQUAL, List.of(true))), query.filters());
    }

    @ParameterizedTest
    @CsvSource({"priority, ~5%, ~", "priority, !~5%, !~", "created, ~2025%, ~", "active, ~t%, ~", "active, !~t%, !~"})
    void patternOperatorIsRefusedOnNonTextAttributes(String attribute, String raw, String prefix) {
        ApiException e = refused(attribute, raw);
        assertEquals(Map.of(attribute, List.of(new FieldError("invalid", prefix))), e.body().details());
        assertEquals(List.of(attribute + " does not support the pattern operator " + prefix), e.body().messages());
    }

    @ParameterizedTest
    @CsvSource({">true, >", ">=1, >=", "<false, <", "<=0, <="})
    void orderingOperatorIsRefusedOnBooleans(String raw, String prefix) {
        ApiException e = refused("active", raw);
        assertEquals(Map.of("active", List.of(new FieldError("invalid", prefix))), e.body().details());
        assertEquals(List.of("active does not support the operator " + prefix), e.body().messages());
    }

    @Test
    void notEqualAndInListAreAllowedOnBooleans() {
        assertEquals(List.of(new Filter(ACTIVE, Operator.NOT_EQUAL, List.of(false)),
                        new Filter(ACTIVE, Operator.IN, List.of(true, false))),
                parse("active", "!=0", "active", "><true|false").filters());
    }

    @Test
    void orderingOperatorsAreAllowedOnInstantsAndText() {
        assertEquals(Operator.LESS_OR_EQUAL, parse("created", "<=2025-01-01").filters().get(0).operator());
        assertEquals(List.of(new Filter(NAME, Operator.GREATER, List.of("m"))), parse("name", ">m").filters());
    }

    @Test
    void unknownAttributeIsA422NamingIt() {
        ApiException e = refused("colour", "red");
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, e.status());
        assertEquals(Map.of("colour", List.of(new FieldError("invalid", null))), e.body().details());
        assertEquals(List.of("colour is not an attribute of widgets that can be filtered"), e.body().messages());
    }

    @Test
    void everyMistakeOfARequestIsReportedAtOnce() {
        ApiException e = refused("colour", "red", "priority", "x", "limit", "abc", "sort_by", "size");
        assertEquals(Set.of("colour", "priority", "limit", "sort_by"), e.body().details().keySet());
        assertEquals(4, e.body().messages().size());
    }

    @Test
    void ignoredAndPagingParametersAreNotFilters() {
        ListQuery query = ListQueryParser.parse(SCHEMA,
                params("view", "full", "limit", "5", "offset", "1", "sort_by", "name", "all", "false"), Set.of("view"));
        assertEquals(List.of(), query.filters());
    }

    @Test
    void parameterWithoutValuesIsNoFilter() {
        ListQuery query = ListQueryParser.parse(SCHEMA, Map.of("name", List.of()), Set.of());
        assertEquals(List.of(), query.filters());
    }

    // ---- sort ------------------------------------------------------------------------------------------------

    @Test
    void defaultSortIsTheIdAscending() {
        assertEquals(List.of(new SortTerm(ID, false)), parse().sort());
    }

    @Test
    void blankSortByIsTheDefaultSort() {
        assertEquals(List.of(new SortTerm(ID, false)), parse("sort_by", " ").sort());
    }

    @Test
    void sortTermsSeparatedByBarAreKeptInOrderWithIdAppended() {
        assertEquals(List.of(new SortTerm(PRIORITY, true), new SortTerm(NAME, false), new SortTerm(ID, false)),
                parse("sort_by", "priority:desc|name").sort());
    }

    @Test
    void sortTermsSeparatedByCommaAreKeptInOrderWithIdAppended() {
        assertEquals(List.of(new SortTerm(PRIORITY, true), new SortTerm(CREATED, false), new SortTerm(ID, false)),
                parse("sort_by", "priority:desc,created:asc").sort());
    }

    @Test
    void barsAndCommasMayBeMixedAndSpacedOut() {
        assertEquals(List.of(new SortTerm(COLOR, false), new SortTerm(ACTIVE, true), new SortTerm(NAME, false),
                        new SortTerm(ID, false)),
                parse("sort_by", "color , active:desc| name").sort());
    }

    @Test
    void theIdTieBreakerFollowsTheLastKeysDirectionSoOneIndexServesTheOrder() {
        assertEquals(List.of(new SortTerm(NAME, false), new SortTerm(ID, false)), parse("sort_by", "name").sort());
        assertEquals(List.of(new SortTerm(NAME, true), new SortTerm(ID, true)), parse("sort_by", "name:desc").sort());
        assertEquals(List.of(new SortTerm(ID, true)), parse("sort_by", "id:desc").sort());
    }

    @Test
    void sortDirectionIsCaseInsensitive() {
        assertEquals(List.of(new SortTerm(NAME, true), new SortTerm(ID, true)), parse("sort_by", "name:DESC").sort());
    }

    @Test
    void repeatedSortKeyKeepsItsFirstOccurrence() {
        assertEquals(List.of(new SortTerm(NAME, false), new SortTerm(PRIORITY, false), new SortTerm(ID, false)),
                parse("sort_by", "name|priority|name:desc").sort());
    }

    @Test
    void idGivenInTheSortIsNotAppendedAgain() {
        assertEquals(List.of(new SortTerm(ID, true), new SortTerm(NAME, false)), parse("sort_by", "id:desc|name").sort());
        assertEquals(List.of(new SortTerm(NAME, false), new SortTerm(ID, true)), parse("sort_by", "name,id:desc").sort());
    }

    @ParameterizedTest
    @ValueSource(strings = {"name:up", "name:", "name:desc:asc"})
    void badSortDirectionIsInvalid(String term) {
        ApiException e = refused("sort_by", term);
        assertEquals(Map.of("sort_by", List.of(new FieldError("invalid", term))), e.body().details());
        assertEquals(List.of("sort direction of name must be asc or desc"), e.body().messages());
    }

    @Test
    void unknownSortAttributeIsInvalidAndNamed() {
        ApiException e = refused("sort_by", "name|size:desc");
        assertEquals(Map.of("sort_by", List.of(new FieldError("invalid", "size"))), e.body().details());
        assertEquals(List.of("size is not an attribute of widgets that can be sorted"), e.body().messages());
    }

    // ---- limit, offset, all --------------------------------------------------------------------------------

    @Test
    void pagingDefaultsToFiftyRowsFromTheStartOfOwnRows() {
        ListQuery query = parse();
        assertEquals(50, query.limit());
        assertEquals(0L, query.offset());
        assertNull(query.cursor());
        assertFalse(query.all());
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "1000, 1000", "' 20 ', 20", "'', 50"})
    void limitFromZeroToOneThousandIsAccepted(String raw, int expected) {
        assertEquals(expected, parse("limit", raw).limit());
    }

    @Test
    void limitAboveOneThousandIsRefusedNotCapped() {
        ApiException e = refused("limit", "1001");
        assertBoundError(e, "limit", "less_than_or_equal_to", 1000);
        assertEquals(List.of("limit must be less than or equal to 1000"), e.body().messages());
    }

    @Test
    void negativeLimitIsRefused() {
        ApiException e = refused("limit", "-1");
        assertBoundError(e, "limit", "greater_than_or_equal_to", 0);
        assertEquals(List.of("limit must be greater than or equal to 0"), e.body().messages());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "99999999999999999999"})
    void nonNumericLimitIsNotANumber(String raw) {
        ApiException e = refused("limit", raw);
        assertEquals(Map.of("limit", List.of(new FieldError("not_a_number", raw))), e.body().details());
        assertEquals(List.of("limit must be an integer, not '" + raw + "'"), e.body().messages());
    }

    @Test
    void hugeLimitIsRefusedAsTooLarge() {
        assertBoundError(refused("limit", "5000000000"), "limit", "less_than_or_equal_to", 1000);
    }

    @Test
    void offsetIsRead() {
        assertEquals(20L, parse("offset", "20").offset());
        assertEquals(9_000_000_000L, parse("offset", "9000000000").offset());
    }

    @Test
    void negativeOffsetIsRefused() {
        ApiException e = refused("offset", "-5");
        assertBoundError(e, "offset", "greater_than_or_equal_to", 0);
        assertEquals(List.of("offset must be greater than or equal to 0"), e.body().messages());
    }

    @Test
    void nonNumericOffsetIsNotANumber() {
        assertEquals(Map.of("offset", List.of(new FieldError("not_a_number", "ten"))), refused("offset", "ten").body().details());
    }

    @ParameterizedTest
    @CsvSource({"true, true", "1, true", "false, false", "0, false", "'', false"})
    void allIsABoolean(String raw, boolean expected) {
        assertEquals(expected, parse("all", raw).all());
    }

    @Test
    void allThatIsNotABooleanIsInvalid() {
        ApiException e = refused("all", "maybe");
        assertEquals(Map.of("all", List.of(new FieldError("invalid", "maybe"))), e.body().details());
        assertEquals(List.of("all must be true or false, not 'maybe'"), e.body().messages());
    }

    // ---- cursor ----------------------------------------------------------------------------------------------

    @Test
    void cursorOfTheSameSortIsAccepted() {
        Cursor cursor = new Cursor("priority:desc|name:asc|id:asc", Arrays.asList(5L, null, 42L));
        ListQuery query = parse("sort_by", "priority:desc,name", "cursor", cursor.encode());
        assertEquals(cursor, query.cursor());
        assertEquals(0L, query.offset());
    }

    @Test
    void cursorWithZeroOffsetIsAccepted() {
        Cursor cursor = new Cursor("id:asc", List.of(42L));
        assertEquals(cursor, parse("cursor", cursor.encode(), "offset", "0").cursor());
    }

    @Test
    void cursorMadeForAnotherSortIsRefused() {
        String cursor = new Cursor("name:asc|id:asc", List.of("beta", 42L)).encode();
        ApiException e = refused("sort_by", "name:desc", "cursor", cursor);
        assertEquals(Map.of("cursor", List.of(new FieldError("invalid", null))), e.body().details());
        assertEquals(List.of("cursor was made for another sort_by; start again without cursor"), e.body().messages());
    }

    @Test
    void cursorMadeWithoutSortIsRefusedUnderASort() {
        String cursor = new Cursor("id:asc", List.of(42L)).encode();
        assertEquals(List.of("cursor was made for another sort_by; start again without cursor"),
                refused("sort_by", "name", "cursor", cursor).body().messages());
    }

    @Test
    void cursorWithTheWrongNumberOfValuesIsRefused() {
        String cursor = new Cursor("name:asc|id:asc", List.of("beta")).encode();
        assertEquals(Map.of("cursor", List.of(new FieldError("invalid", null))),
                refused("sort_by", "name", "cursor", cursor).body().details());
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage!", "bm90IGEgY3Vyc29y", "%%%", "aWQ6YXNj", "A"})
    void garbageCursorIsRefused(String raw) {
        ApiException e = refused("cursor", raw);
        assertEquals(Map.of("cursor", List.of(new FieldError("invalid", null))), e.body().details());
        assertEquals(List.of(NOT_A_CURSOR), e.body().messages());
    }

    @Test
    void cursorThatDecodesToNothingIsRefused() {
        // "AAAA" is three zero bytes: an empty signature and no values.
        ApiException e = refused("cursor", "AAAA");
        assertEquals(Map.of("cursor", List.of(new FieldError("invalid", null))), e.body().details());
    }

    @Test
    void cursorWhoseValuesDoNotFitTheSortKeysIsRefused() {
        // A well-formed cursor for "priority:desc|id:desc" carrying text where numbers belong would reach the
        // database as a comparison of a number column with text.
        String cursor = new Cursor("priority:desc|id:desc", List.of("five", "42")).encode();
        ApiException e = refused("sort_by", "priority:desc", "cursor", cursor);
        assertEquals(Map.of("cursor", List.of(new FieldError("invalid", null))), e.body().details());
        assertEquals(List.of(NOT_A_CURSOR), e.body().messages());
    }

    @Test
    void cursorWithAnOutOfRangeInstantIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("created:asc|id:asc");
            out.writeByte(2);
            out.writeByte(4); // instant
            out.writeLong(Long.MAX_VALUE);
            out.writeInt(0);
            out.writeByte(2); // number
            out.writeLong(42L);
        }
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
        ApiException e = refused("sort_by", "created", "cursor", cursor);
        assertEquals(List.of(NOT_A_CURSOR), e.body().messages());
    }

    @Test
    void cursorAndOffsetCannotBeCombined() {
        String cursor = new Cursor("id:asc", List.of(42L)).encode();
        ApiException e = refused("cursor", cursor, "offset", "10");
        assertEquals(Map.of("cursor", List.of(new FieldError("invalid", null))), e.body().details());
        assertEquals(List.of("cursor and offset cannot be combined"), e.body().messages());
    }

    @Test
    void nullCursorValuesFitAnySortKey() {
        Cursor cursor = new Cursor("created:desc|active:asc|color:asc|id:asc", Arrays.asList(null, null, null, 1L));
        assertEquals(cursor, parse("sort_by", "created:desc|active|color", "cursor", cursor.encode()).cursor());
    }

    @Test
    void cursorValuesOfEveryTypeFitTheirSortKeys() {
        Cursor cursor = new Cursor("created:desc|active:asc|color:asc|name:asc|id:asc",
                List.of(Instant.parse("2025-01-01T00:00:00.000001Z"), true, "red", "widget", 1L));
        assertEquals(cursor, parse("sort_by", "created:desc|active|color|name", "cursor", cursor.encode()).cursor());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static ListQuery parse(String... namesAndValues) {
        return ListQueryParser.parse(SCHEMA, params(namesAndValues), Set.of());
    }

    private static ApiException refused(String... namesAndValues) {
        ApiException e = assertThrows(ApiException.class, () -> parse(namesAndValues));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, e.status());
        return e;
    }

    private static void assertBoundError(ApiException e, String field, String kind, long bound) {
        List<FieldError> errors = e.body().details().get(field);
        assertEquals(Set.of(field), e.body().details().keySet());
        assertEquals(1, errors.size());
        assertEquals(kind, errors.get(0).error());
        assertTrue(errors.get(0).value() instanceof Number, "bound is a number: " + errors.get(0).value());
        assertEquals(bound, ((Number) errors.get(0).value()).longValue());
    }
}
