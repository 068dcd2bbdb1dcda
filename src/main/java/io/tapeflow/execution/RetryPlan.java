package io.tapeflow.execution;

import io.tapeflow.transfer.SourceEntry;
import io.tapeflow.transfer.SourceWalker;
import io.tapeflow.transfer.TransferFailure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The plan of a retry: only the paths another run failed on, in the order they failed (walk order),
 * read from the database a page at a time. A failed file is that file again; a failed folder (one that
 * could not be read) or a whole source that was missing is walked again. Below the source nothing is
 * followed through a symbolic link, as a walk would not; a path that is gone is a {@code MISSING} entry,
 * which fails again rather than vanishing from the count.
 */
final class RetryPlan implements RunPlan {

    static final int PAGE = 500;

    /** Reads the planned paths of a source after a row id, in plan order, at most {@code limit}. */
    interface Pages {
        List<RetryFiles.Planned> page(long executionId, int source, long afterId, int limit);
    }

    private final Pages pages;
    private final long executionId;
    private final Set<Integer> sources;

    RetryPlan(Pages pages, long executionId, Set<Integer> sources) {
        this.pages = pages;
        this.executionId = executionId;
        this.sources = sources;
    }

    @Override
    public boolean includes(int source) {
        return sources.contains(source);
    }

    @Override
    public Stream<SourceEntry> entriesAfter(int source, SourceRoot root, String after) {
        Entries entries = new Entries(source, root, after);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(entries, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(entries::close);
    }

    /**
     * The entries one planned path stands for, after {@code within} (a checkpoint path below it; null
     * for all of them).
     */
    static Stream<SourceEntry> expand(SourceRoot root, String relative, String within) {
        if (relative.isEmpty()) {
            return SourceWalker.walkAfter(root.path(), within);
        }
        Path target = root.path().resolve(relative);
        String[] segments = relative.split("/");
        Path path = root.path();
        for (int i = 0; i < segments.length; i++) {
            path = path.resolve(segments[i]);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                return Stream.of(SourceEntry.missing(target, relative));
            }
            boolean last = i == segments.length - 1;
            if (!last && !attributes.isDirectory()) {
                // a folder on the way is gone or became a link
                return Stream.of(SourceEntry.missing(target, relative));
            }
            if (last) {
                if (!attributes.isDirectory()) {
                    return within == null ? Stream.of(SourceEntry.of(path, relative, attributes)) : Stream.empty();
                }
                return folder(path, relative, attributes, within);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** A folder's content with paths below the source, or the folder itself when it is empty or unreadable, as a walk reports it. */
    private static Stream<SourceEntry> folder(Path dir, String relative, BasicFileAttributes attributes, String within) {
        Stream<SourceEntry> content;
        try {
            content = SourceWalker.walkAfter(dir, within);
        } catch (TransferFailure unreadable) {
            return Stream.of(new SourceEntry(SourceEntry.Kind.UNREADABLE_DIRECTORY, dir, relative, 0, attributes.lastModifiedTime()));
        }
        Iterator<SourceEntry> it = content.iterator();
        if (!it.hasNext()) {
            content.close();
            return within == null ? Stream.of(SourceEntry.of(dir, relative, attributes)) : Stream.empty();
        }
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .map(e -> new SourceEntry(e.kind(), e.absolute(), relative + "/" + e.relative(), e.size(), e.mtime()))
                .onClose(content::close);
    }

    /** The path of {@code after} below {@code relative} when it lies strictly inside it, else null. */
    static String below(String relative, String after) {
        if (relative.isEmpty()) {
            return after.isEmpty() ? null : after;
        }
        return after.startsWith(relative + "/") ? after.substring(relative.length() + 1) : null;
    }

    /** Planned paths of one source, page by page, each expanded lazily; those the checkpoint covers are passed over. */
    private final class Entries implements Iterator<SourceEntry> {
        private final int source;
        private final SourceRoot root;
        private String after;
        private final Deque<RetryFiles.Planned> page = new ArrayDeque<>();
        private long lastId;
        private boolean lastPage;
        private Stream<SourceEntry> open = Stream.empty();
        private Iterator<SourceEntry> current = Collections.emptyIterator();

        Entries(int source, SourceRoot root, String after) {
            this.source = source;
            this.root = root;
            this.after = after;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext()) {
                open.close();
                RetryFiles.Planned next = nextPlanned();
                if (next == null) {
                    return false;
                }
                start(next.path());
            }
            return true;
        }

        @Override
        public SourceEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        private void start(String relative) {
            String within = null;
            if (after != null) {
                if (relative.equals(after)) {
                    after = null; // the checkpoint's own path: done, the next one is not
                    return;
                }
                within = below(relative, after);
                if (within == null) {
                    return; // before the checkpoint
                }
                after = null;
            }
            open = expand(root, relative, within);
            current = open.iterator();
        }

        private RetryFiles.Planned nextPlanned() {
            if (page.isEmpty() && !lastPage) {
                List<RetryFiles.Planned> rows = pages.page(executionId, source, lastId, PAGE);
                page.addAll(rows);
                lastPage = rows.size() < PAGE;
                if (!rows.isEmpty()) {
                    lastId = rows.get(rows.size() - 1).id();
                }
            }
            return page.poll();
        }

        void close() {
            open.close();
        }
    }
}
