package io.tapeflow.transfer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams what lies under a source in a deterministic order, so that a checkpoint (the relative path of the last
 * entry done) is enough to resume: depth first, the children of each directory sorted by name, compared as Java
 * strings (case-sensitive); a directory's path sorts just before its content. {@link #compare} is that order.
 *
 * <p>Memory holds one sorted listing per level of the current path, never the whole tree. Symbolic links below the
 * root are reported as {@link SourceEntry.Kind#SYMLINK} and not followed; the root itself is followed when it is a
 * link (a container configured on a linked path). An entry that vanishes between listing and visit is left out.
 * An empty root directory yields nothing.
 */
public final class SourceWalker {

    private SourceWalker() {
    }

    /**
     * Everything under {@code root}, or just {@code root} when it is a file.
     *
     * @throws TransferFailure when the root does not exist or cannot be listed
     */
    public static Stream<SourceEntry> walk(Path root) {
        return walkAfter(root, null);
    }

    /**
     * Everything under {@code root} that sorts after {@code afterRelative} (exclusive), skipping the subtrees before
     * it without visiting them. The entry itself need not exist any more. {@code null} or {@code ""} walks everything.
     *
     * @throws TransferFailure when the root does not exist or cannot be listed
     */
    public static Stream<SourceEntry> walkAfter(Path root, String afterRelative) {
        Path absolute = root.toAbsolutePath().normalize();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
        } catch (IOException e) {
            throw TransferFailure.source(absolute, e);
        }
        List<String> after = afterRelative == null || afterRelative.isEmpty() ? List.of() : List.of(afterRelative.split("/"));
        Iterator<SourceEntry> entries;
        if (attributes.isDirectory()) {
            Level top;
            try {
                top = Level.of(absolute, "", after);
            } catch (IOException e) {
                throw TransferFailure.source(absolute, e);
            }
            entries = new Walk(top);
        } else {
            SourceEntry single = entry(absolute, absolute.getFileName().toString(), attributes);
            boolean done = !after.isEmpty() && compare(single.relative(), afterRelative) <= 0;
            entries = done ? List.<SourceEntry>of().iterator() : List.of(single).iterator();
        }
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(entries,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT), false);
    }

    /** The walk order of two relative paths: segment by segment, a path before the paths below it. */
    public static int compare(String relativeA, String relativeB) {
        String[] a = relativeA.split("/");
        String[] b = relativeB.split("/");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int c = a[i].compareTo(b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static SourceEntry entry(Path path, String relative, BasicFileAttributes attributes) {
        return SourceEntry.of(path, relative, attributes);
    }

    /** One directory on the current path: its children sorted by name, and where the walk is among them. */
    private static final class Level {
        final String prefix;
        final List<Child> children;
        int next;
        // the child that is the resume point or its ancestor: entered for its later content, never reported; -1 if none
        int enterOnly = -1;
        // the resume point's segments below that child (empty when the child is the resume point itself)
        List<String> afterBelow = List.of();

        private Level(String prefix, List<Child> children) {
            this.prefix = prefix;
            this.children = children;
        }

        static Level of(Path dir, String prefix, List<String> after) throws IOException {
            List<Child> children = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                stream.forEach(path -> children.add(new Child(path.getFileName().toString(), path)));
            }
            children.sort(Comparator.comparing(Child::name));
            Level level = new Level(prefix, children);
            if (!after.isEmpty()) {
                level.skipTo(after);
            }
            return level;
        }

        /** Positions the level at the resume point, so every child sorting before it is pruned unvisited. */
        private void skipTo(List<String> after) {
            String segment = after.get(0);
            int low = 0;
            int high = children.size();
            while (low < high) { // first child whose name is >= segment
                int middle = (low + high) >>> 1;
                if (children.get(middle).name().compareTo(segment) < 0) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            next = low;
            if (low < children.size() && children.get(low).name().equals(segment)) {
                enterOnly = low;
                afterBelow = after.subList(1, after.size());
            }
        }
    }

    private record Child(String name, Path path) {
    }

    /** Depth-first iteration over a stack of {@link Level}s. */
    private static final class Walk implements Iterator<SourceEntry> {
        private final Deque<Level> stack = new ArrayDeque<>();
        private SourceEntry next;

        Walk(Level top) {
            stack.push(top);
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = advance();
            }
            return next != null;
        }

        @Override
        public SourceEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            SourceEntry entry = next;
            next = null;
            return entry;
        }

        private SourceEntry advance() {
            while (!stack.isEmpty()) {
                Level level = stack.peek();
                if (level.next >= level.children.size()) {
                    stack.pop();
                    continue;
                }
                int index = level.next++;
                Child child = level.children.get(index);
                String relative = level.prefix + child.name();
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(child.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    continue; // vanished since the listing: nothing to transfer
                }
                boolean alreadyReported = index == level.enterOnly;
                if (!attributes.isDirectory()) {
                    if (!alreadyReported) {
                        return entry(child.path(), relative, attributes);
                    }
                    continue;
                }
                List<String> after = alreadyReported ? level.afterBelow : List.of();
                SourceEntry directory = enter(child.path(), relative, attributes, after);
                if (directory != null && !alreadyReported) {
                    return directory;
                }
            }
            return null;
        }

        /** Pushes a directory's level; answers the entry to report instead when it is empty or unreadable. */
        private SourceEntry enter(Path dir, String relative, BasicFileAttributes attributes, List<String> after) {
            Level level;
            try {
                level = Level.of(dir, relative + "/", after);
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                return new SourceEntry(SourceEntry.Kind.UNREADABLE_DIRECTORY, dir, relative, 0, attributes.lastModifiedTime());
            }
            if (level.children.isEmpty()) {
                return entry(dir, relative, attributes);
            }
            stack.push(level);
            return null;
        }
    }
}
