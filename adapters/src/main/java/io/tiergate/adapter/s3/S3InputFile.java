package io.tiergate.adapter.s3;

import io.tiergate.adapter.StoreUnavailableException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet {@link InputFile} over one S3 object, read with ranged GETs. The first access fetches
 * the object's last {@value #TAIL_BYTES} bytes with a suffix range, which gives the size and (in
 * almost every file) the whole footer in one request; an object that small is then read entirely.
 * Other reads go to S3 as asked, at least {@value #READ_AHEAD_BYTES} bytes at a time. Errors are
 * {@link IOException}s naming the {@code s3://} object.
 */
public final class S3InputFile implements InputFile {
  static final int TAIL_BYTES = 64 * 1024;
  static final int READ_AHEAD_BYTES = 256 * 1024;

  private final S3ObjectStore store;
  private final String bucket;
  private final String key;
  private long length = -1;
  private byte[] tail;
  private long tailStart;

  S3InputFile(S3ObjectStore store, String bucket, String key) {
    this.store = store;
    this.bucket = bucket;
    this.key = key;
  }

  @Override public synchronized long getLength() throws IOException {
    if (length < 0) {
      S3ObjectStore.RangeResult result;
      try {
        result = store.getTail(bucket, key, TAIL_BYTES);
      } catch (StoreUnavailableException e) {
        throw new IOException(e.getMessage(), e);
      }
      tail = result.data();
      length = result.objectSize();
      tailStart = length - tail.length;
    }
    return length;
  }

  @Override public SeekableInputStream newStream() throws IOException {
    getLength();
    return new Stream();
  }

  @Override public String toString() {
    return S3Location.uri(bucket, key);
  }

  private final class Stream extends SeekableInputStream {
    private long pos;
    private byte[] buffer = new byte[0];
    private long bufferStart;

    @Override public long getPos() {
      return pos;
    }

    @Override public void seek(long newPos) throws IOException {
      if (newPos < 0 || newPos > length) {
        throw new EOFException(S3InputFile.this + ": seek to " + newPos + " outside [0, "
            + length + "]");
      }
      pos = newPos;
    }

    @Override public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override public int read(byte[] bytes, int offset, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int n = (int) Math.min(len, length - pos);
      if (n <= 0) {
        return -1;
      }
      copy(bytes, offset, n);
      return n;
    }

    @Override public void readFully(byte[] bytes) throws IOException {
      readFully(bytes, 0, bytes.length);
    }

    @Override public void readFully(byte[] bytes, int offset, int len) throws IOException {
      if (len > length - pos) {
        throw new EOFException(S3InputFile.this + ": " + len + " bytes wanted at " + pos
            + ", the object has " + length);
      }
      copy(bytes, offset, len);
    }

    @Override public int read(ByteBuffer dst) throws IOException {
      int n = (int) Math.min(dst.remaining(), length - pos);
      if (n <= 0) {
        return dst.hasRemaining() ? -1 : 0;
      }
      readInto(dst, n);
      return n;
    }

    @Override public void readFully(ByteBuffer dst) throws IOException {
      int n = dst.remaining();
      if (n > length - pos) {
        throw new EOFException(S3InputFile.this + ": " + n + " bytes wanted at " + pos
            + ", the object has " + length);
      }
      readInto(dst, n);
    }

    private void readInto(ByteBuffer dst, int n) throws IOException {
      if (dst.hasArray()) {
        copy(dst.array(), dst.arrayOffset() + dst.position(), n);
        dst.position(dst.position() + n);
      } else {
        byte[] bytes = new byte[n];
        copy(bytes, 0, n);
        dst.put(bytes);
      }
    }

    /** Copies n bytes at pos (all within the object) and advances. */
    private void copy(byte[] dst, int offset, int n) throws IOException {
      int done = 0;
      while (done < n) {
        long at = pos + done;
        int want = n - done;
        int got;
        if (at >= tailStart) {
          got = (int) Math.min(want, tail.length - (at - tailStart));
          System.arraycopy(tail, (int) (at - tailStart), dst, offset + done, got);
        } else if (at >= bufferStart && at < bufferStart + buffer.length) {
          got = (int) Math.min(want, bufferStart + buffer.length - at);
          System.arraycopy(buffer, (int) (at - bufferStart), dst, offset + done, got);
        } else {
          // Never fetch into the tail we already hold.
          int limit = (int) Math.min(Integer.MAX_VALUE - 16, tailStart - at);
          if (want >= READ_AHEAD_BYTES) {
            got = Math.min(want, limit);
            byte[] data = fetch(at, got);
            System.arraycopy(data, 0, dst, offset + done, got);
          } else {
            buffer = fetch(at, Math.min(READ_AHEAD_BYTES, limit));
            bufferStart = at;
            continue;
          }
        }
        done += got;
      }
      pos += n;
    }

    private byte[] fetch(long at, int len) throws IOException {
      byte[] data;
      try {
        data = store.getRange(bucket, key, at, len);
      } catch (StoreUnavailableException e) {
        throw new IOException(e.getMessage(), e);
      }
      if (data.length != len) {
        throw new EOFException(S3InputFile.this + ": asked for " + len + " bytes at " + at
            + ", got " + data.length + " (object changed while read?)");
      }
      return data;
    }

    @Override public void close() {
      buffer = new byte[0];
    }
  }
}
