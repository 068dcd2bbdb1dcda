package io.tapeflow.transfer;

import net.jpountz.xxhash.StreamingXXHash64;
import net.jpountz.xxhash.XXHashFactory;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/** The implementations behind {@link ChecksumType#start()}. */
final class Checksums {

    private static final HexFormat HEX = HexFormat.of();
    private static final long XXHASH_SEED = 0;

    static final StreamingChecksum NONE = new StreamingChecksum() {
        @Override
        public void update(ByteBuffer buffer) {
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
        }

        @Override
        public String hex() {
            return null;
        }
    };

    private Checksums() {
    }

    static StreamingChecksum digest(String algorithm) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            return new Base() {
                @Override
                void consume(ByteBuffer buffer) {
                    digest.update(buffer);
                }

                @Override
                public void update(byte[] bytes, int offset, int length) {
                    digest.update(bytes, offset, length);
                }

                @Override
                String compute() {
                    return HEX.formatHex(digest.digest());
                }
            };
        } catch (NoSuchAlgorithmException e) {
            // why: MD5 and SHA-256 are mandatory in every Java platform, so this cannot happen
            throw new IllegalStateException(e);
        }
    }

    static StreamingChecksum crc32() {
        CRC32 crc = new CRC32();
        return new Base() {
            @Override
            void consume(ByteBuffer buffer) {
                crc.update(buffer);
            }

            @Override
            public void update(byte[] bytes, int offset, int length) {
                crc.update(bytes, offset, length);
            }

            @Override
            String compute() {
                return HEX.toHexDigits((int) crc.getValue());
            }
        };
    }

    static StreamingChecksum xxHash64() {
        StreamingXXHash64 hash = XXHashFactory.fastestInstance().newStreamingHash64(XXHASH_SEED);
        return new Base() {
            // why: lz4-java's streaming hash only takes arrays; copy direct buffers through one reused array
            private byte[] scratch = new byte[0];

            @Override
            void consume(ByteBuffer buffer) {
                int length = buffer.remaining();
                if (scratch.length < length) {
                    scratch = new byte[length];
                }
                buffer.get(scratch, 0, length);
                hash.update(scratch, 0, length);
            }

            @Override
            public void update(byte[] bytes, int offset, int length) {
                hash.update(bytes, offset, length);
            }

            @Override
            String compute() {
                return HEX.toHexDigits(hash.getValue());
            }

            @Override
            public void close() {
                hash.close();
            }
        };
    }

    /** Keeps the caller's buffer position and makes {@link #hex()} idempotent. */
    private abstract static class Base implements StreamingChecksum {
        private String result;

        abstract void consume(ByteBuffer buffer);

        abstract String compute();

        @Override
        public final void update(ByteBuffer buffer) {
            if (buffer.hasArray()) {
                update(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
                return;
            }
            int position = buffer.position();
            consume(buffer);
            buffer.position(position);
        }

        @Override
        public final String hex() {
            if (result == null) {
                result = compute();
                close();
            }
            return result;
        }
    }
}
