package io.tapeflow.security;

import io.tapeflow.persistence.DbTime;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.api.ApiException;
import io.tapeflow.api.PathIds;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.audit.AuditLog;
import io.tapeflow.list.Attribute;
import io.tapeflow.list.ListExecutor;
import io.tapeflow.list.ListPage;
import io.tapeflow.list.ListQuery;
import io.tapeflow.list.ListSchema;
import io.tapeflow.list.SqlFragment;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

@Singleton
public class UserService {

    static final ListSchema SCHEMA = ListSchema.of("users", "app_user", List.of(
            Attribute.integer("id", "id"),
            Attribute.text("username", "username"),
            Attribute.enumeration("role", "role", Role.class),
            Attribute.instant("creation_date", "creation_date"),
            Attribute.instant("modification_date", "modification_date"),
            Attribute.text("creation_username", "creation_username"),
            Attribute.text("modification_username", "modification_username")));

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final PasswordAuthenticationProvider<?> authenticator;
    private final ListExecutor lists;
    private final List<OwnedResources> ownedResources;
    private final AuditLog audit;

    public UserService(UserRepository users, PasswordHasher hasher, PasswordAuthenticationProvider<?> authenticator,
                       ListExecutor lists, List<OwnedResources> ownedResources, AuditLog audit) {
        this.audit = audit;
        this.users = users;
        this.hasher = hasher;
        this.authenticator = authenticator;
        this.lists = lists;
        this.ownedResources = ownedResources;
    }

    public ListPage<UserView> list(ListQuery query) {
        return lists.fetch(SCHEMA, "*", query, SqlFragment.TRUE, User.class).map(UserView::of);
    }

    /** By numeric id or by username. */
    public User find(String idOrName) {
        OptionalLong id = PathIds.numeric(idOrName);
        return (id.isPresent() ? users.findById(id.getAsLong()) : users.findByUsername(idOrName))
                .orElseThrow(() -> ApiException.notFound("user", idOrName));
    }

    @Transactional
    public User create(UserRequest request, Caller caller) {
        FieldErrors errors = new FieldErrors();
        if (request.username() != null && users.existsByUsername(request.username())) {
            errors.add("username", "taken", "username has already been taken");
        }
        errors.throwIfAny();
        Instant now = DbTime.now();
        User user = users.save(new User(null, request.username(), hasher.hash(request.password()),
                request.role() == null ? Role.user : request.role(), now, now, caller.username(), caller.username()));
        audit.created("users", user);
        return user;
    }

    @Transactional
    public User update(User user, UserRequest request, Caller caller) {
        FieldErrors errors = new FieldErrors();
        if (request.username() != null && !request.username().equalsIgnoreCase(user.username())
                && users.existsByUsername(request.username())) {
            errors.add("username", "taken", "username has already been taken");
        }
        if (request.role() != null && request.role() != Role.admin && user.role() == Role.admin
                && users.countByRole(Role.admin) == 1) {
            errors.add("role", "invalid", "the last admin cannot lose the admin role");
        }
        errors.throwIfAny();
        User updated = users.update(new User(user.id(),
                request.username() == null ? user.username() : request.username(),
                request.password() == null ? user.passwordHash() : hasher.hash(request.password()),
                request.role() == null ? user.role() : request.role(),
                user.creationDate(), DbTime.now(), user.creationUsername(), caller.username()));
        authenticator.forget(user.username());
        audit.updated("users", user, updated);
        return updated;
    }

    @Transactional
    public void delete(User user, Caller caller) {
        if (user.id() == caller.userId()) {
            throw ApiException.conflict("you cannot delete yourself");
        }
        for (OwnedResources resources : ownedResources) {
            long owned = resources.countOwnedBy(user.id());
            if (owned > 0) {
                throw ApiException.conflict("user " + user.username() + " owns " + owned + " "
                        + resources.plural() + "; delete them first");
            }
        }
        users.delete(user);
        authenticator.forget(user.username());
        audit.destroyed("users", user);
    }
}
