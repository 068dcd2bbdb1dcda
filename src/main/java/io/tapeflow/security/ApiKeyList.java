package io.tapeflow.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.list.ListPage;

import java.util.List;

@Serdeable
public record ApiKeyList(long count, List<ApiKeyView> apiKeys,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {

    static ApiKeyList of(ListPage<ApiKeyView> page) {
        return new ApiKeyList(page.count(), page.rows(), page.nextCursor());
    }
}
