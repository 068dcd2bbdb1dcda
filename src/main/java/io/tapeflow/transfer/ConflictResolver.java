package io.tapeflow.transfer;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Decides where a copy goes when its target may already exist. Only looks at the file system; writes nothing.
 * A decision can be outdated by the time the copy is published: {@link FileCopier} checks again when it moves
 * the finished file into place.
 */
public final class ConflictResolver {

    // why: a tree with this many same-named copies is a runaway loop, not a real archive
    static final int MAX_NUMBER = 100_000;

    // Compression suffixes that form one extension with a short one before them: a.tar.gz -> a (1).tar.gz
    private static final Set<String> COMPOUND_SUFFIXES = Set.of("gz", "bz2", "xz", "z", "zst", "lz", "lz4", "lzma", "br", "sz");

    private ConflictResolver() {
    }

    /**
     * The decision for writing {@code target} under {@code policy}. Anything at the path counts as existing,
     * including a dangling symbolic link (it is never followed).
     *
     * @throws TransferFailure when overwriting would replace a directory, or no numbered name is free
     */
    public static Resolution resolve(Path target, ConflictPolicy policy) {
        if (!exists(target)) {
            return new Resolution(Resolution.Action.WRITE, target);
        }
        return switch (policy) {
            case IGNORE -> new Resolution(Resolution.Action.SKIP, target);
            case OVERWRITE -> {
                if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw TransferFailure.targetIsDirectory(target);
                }
                yield new Resolution(Resolution.Action.REPLACE, target);
            }
            case RENAME -> new Resolution(Resolution.Action.WRITE, firstFreeNumberedPath(target));
        };
    }

    /** The first {@code name (n).ext} beside {@code target} that does not exist, counting from 1. */
    static Path firstFreeNumberedPath(Path target) {
        String name = target.getFileName().toString();
        for (int n = 1; n <= MAX_NUMBER; n++) {
            Path candidate = target.resolveSibling(numberedName(name, n));
            if (!exists(candidate)) {
                return candidate;
            }
        }
        throw TransferFailure.noFreeName(target, MAX_NUMBER);
    }

    /**
     * {@code fileName} with {@code " (n)"} inserted before its extension: {@code report.pdf} → {@code report (1).pdf},
     * {@code a.tar.gz} → {@code a (1).tar.gz}, {@code README} → {@code README (1)}, {@code .bashrc} → {@code .bashrc (1)}.
     * The extension is the last dot-suffix, or the last two when the last is a compression suffix after a short
     * non-numeric one ({@code .tar.gz}, {@code .json.zst}), so dotted names such as {@code photo.2024.01.jpg} keep
     * their dots. A name that already ends in {@code (1)} is not renumbered: {@code x (1).pdf} → {@code x (1) (1).pdf}.
     */
    public static String numberedName(String fileName, int n) {
        int dot = extensionStart(fileName);
        String suffix = " (" + n + ")";
        return dot < 0 ? fileName + suffix : fileName.substring(0, dot) + suffix + fileName.substring(dot);
    }

    /** Index of the dot starting the extension, or -1; a leading dot (hidden file) never starts one. */
    private static int extensionStart(String name) {
        int last = name.lastIndexOf('.');
        if (last <= 0 || last == name.length() - 1) {
            return -1;
        }
        String lastExtension = name.substring(last + 1).toLowerCase(Locale.ROOT);
        int previous = name.lastIndexOf('.', last - 1);
        if (previous > 0 && COMPOUND_SUFFIXES.contains(lastExtension)) {
            String inner = name.substring(previous + 1, last);
            if (!inner.isEmpty() && inner.length() <= 4 && !inner.chars().allMatch(Character::isDigit)) {
                return previous;
            }
        }
        return last;
    }

    private static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }
}
