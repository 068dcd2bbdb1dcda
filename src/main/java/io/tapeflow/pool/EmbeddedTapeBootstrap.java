package io.tapeflow.pool;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.api.ApiException;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.library.LibraryProtocol;
import io.tapeflow.library.Tape;
import io.tapeflow.library.TapeLibrary;
import io.tapeflow.library.TapeLibraryRequest;
import io.tapeflow.library.TapeLibraryService;
import io.tapeflow.library.TapeRepository;
import io.tapeflow.security.Caller;
import io.tapeflow.security.Role;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * On the embedded H2 default, a newcomer can archive to tape at once: the first start creates the
 * virtual library {@code virtual} (with a virtual library's defaults: 2 drives, 20 slots, 10 cartridges
 * of {@code tapeflow.library.virtual-capacity} bytes) and the pool {@code default} holding its tapes.
 * A configured database (MariaDB, or an in-memory one as tests use) gets nothing.
 */
@Singleton
public class EmbeddedTapeBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTapeBootstrap.class);
    private static final Caller SYSTEM = new Caller(0, "system", Role.admin, null, Set.of());

    private final TapeLibraryService libraries;
    private final TapeRepository tapes;
    private final PoolService pools;
    private final boolean embedded;

    public EmbeddedTapeBootstrap(TapeLibraryService libraries, TapeRepository tapes, PoolService pools,
                                 @Value("${datasources.default.url}") String url) {
        this.libraries = libraries;
        this.tapes = tapes;
        this.pools = pools;
        // application.yml's default is an H2 file under the data directory; nothing else is "embedded".
        this.embedded = url.startsWith("jdbc:h2:file:");
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        if (!embedded || libraries.count() > 0) {
            return;
        }
        try {
            provision();
            LOG.info("Created the virtual tape library 'virtual' and the pool 'default' holding its cartridges");
        } catch (ApiException e) {
            LOG.warn("Could not create the default virtual tape library: {}", e.getMessage());
        }
    }

    @Transactional
    public void provision() {
        TapeLibrary library = libraries.create(new TapeLibraryRequest("virtual", "created on first start",
                LibraryProtocol.virtual, null, null, null, null, null, null, null, null, null, null, null, null), new FieldErrors(), SYSTEM);
        pools.create(new PoolRequest("default", "created on first start", PoolType.active_archive, PoolContent.tape,
                tapes.findByTapeLibraryId(library.id()).stream().map(Tape::id).toList(), null), new FieldErrors(), SYSTEM);
    }
}
