package io.tiergate.adapter.s3;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** A Parquet {@link InputFile} over bytes in memory (e.g. a whole S3 object fetched at once). */
public final class ByteArrayInputFile implements InputFile {
  private final String name;
  private final byte[] data;

  /** @param name what error messages call this file, e.g. {@code s3://bucket/key} */
  public ByteArrayInputFile(String name, byte[] data) {
    this.name = Objects.requireNonNull(name, "name");
    this.data = Objects.requireNonNull(data, "data");
  }

  @Override public long getLength() {
    return data.length;
  }

  @Override public SeekableInputStream newStream() {
    return new Stream(data);
  }

  @Override public String toString() {
    return name;
  }

  private static final class Stream extends SeekableInputStream {
    private final byte[] data;
    private int pos;

    Stream(byte[] data) {
      this.data = data;
    }

    @Override public long getPos() {
      return pos;
    }

    @Override public void seek(long newPos) throws EOFException {
      if (newPos < 0 || newPos > data.length) {
        throw new EOFException("Seek to " + newPos + " outside [0, " + data.length + "]");
      }
      pos = (int) newPos;
    }

    @Override public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override public int read(byte[] bytes, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      int n = Math.min(length, data.length - pos);
      if (n <= 0) {
        return -1;
      }
      System.arraycopy(data, pos, bytes, offset, n);
      pos += n;
      return n;
    }

    @Override public long skip(long n) {
      long skipped = Math.max(0, Math.min(n, data.length - pos));
      pos += (int) skipped;
      return skipped;
    }

    @Override public int available() {
      return data.length - pos;
    }

    @Override public void readFully(byte[] bytes) throws EOFException {
      readFully(bytes, 0, bytes.length);
    }

    @Override public void readFully(byte[] bytes, int offset, int length) throws EOFException {
      if (length > data.length - pos) {
        throw new EOFException("Reached the end of the data: " + length + " bytes wanted at "
            + pos + ", " + (data.length - pos) + " left");
      }
      System.arraycopy(data, pos, bytes, offset, length);
      pos += length;
    }

    @Override public int read(ByteBuffer buffer) {
      int n = Math.min(buffer.remaining(), data.length - pos);
      if (n <= 0) {
        return buffer.hasRemaining() ? -1 : 0;
      }
      buffer.put(data, pos, n);
      pos += n;
      return n;
    }

    @Override public void readFully(ByteBuffer buffer) throws EOFException {
      int n = buffer.remaining();
      if (n > data.length - pos) {
        throw new EOFException("Reached the end of the data: " + n + " bytes wanted at " + pos
            + ", " + (data.length - pos) + " left");
      }
      buffer.put(data, pos, n);
      pos += n;
    }
  }
}
