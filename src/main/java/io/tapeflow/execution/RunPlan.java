package io.tapeflow.execution;

import io.tapeflow.transfer.SourceEntry;
import io.tapeflow.transfer.SourceWalker;

import java.util.stream.Stream;

/**
 * What a run goes through, source by source: every source walked whole, or, for a retry, only the
 * files an earlier run failed on ({@link RetryPlan}). Either way the entries of a source come in one
 * stable order and each has a relative path the checkpoint can name, so a run resumes after the last
 * entry its checkpoint covers.
 */
public interface RunPlan {

    /** The whole of every source, in walk order. */
    RunPlan WALK = new RunPlan() {
        @Override
        public boolean includes(int source) {
            return true;
        }

        @Override
        public Stream<SourceEntry> entriesAfter(int source, SourceRoot root, String after) {
            // "" is the checkpoint of a source counted whole (it was missing): nothing of it is left
            return "".equals(after) ? Stream.empty() : SourceWalker.walkAfter(root.path(), after);
        }
    };

    /** Whether the run goes through this source (by its position among the task's sources) at all. */
    boolean includes(int source);

    /**
     * The entries of an existing source that come after {@code after} (the checkpoint path; null for
     * all of them), streamed in constant memory.
     *
     * @throws io.tapeflow.transfer.TransferFailure when the source cannot be listed
     */
    Stream<SourceEntry> entriesAfter(int source, SourceRoot root, String after);

    /** How many files and bytes the run will go through in this source. */
    default SourceTally tally(int source, SourceRoot root) {
        return SourceTally.count(entriesAfter(source, root, null));
    }
}
