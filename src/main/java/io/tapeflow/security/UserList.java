package io.tapeflow.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.list.ListPage;

import java.util.List;

@Serdeable
public record UserList(long count, List<UserView> users,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {

    static UserList of(ListPage<UserView> page) {
        return new UserList(page.count(), page.rows(), page.nextCursor());
    }
}
