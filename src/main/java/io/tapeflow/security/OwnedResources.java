package io.tapeflow.security;

/** A kind of resource that users own, so that a user who still owns some is not deleted. */
public interface OwnedResources {

    String plural();

    long countOwnedBy(long userId);
}
