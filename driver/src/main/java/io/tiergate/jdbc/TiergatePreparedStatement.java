package io.tiergate.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.sql.NClob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.Meta;

/**
 * Avatica's prepared statement, with the warnings the gateway keeps for it (see
 * ServerWarnings). The JDBC 4 setters Avatica's base class leaves abstract go to its sites.
 */
final class TiergatePreparedStatement extends AvaticaPreparedStatement implements WarnedStatement {
  private final ServerWarnings warnings = new ServerWarnings(this);

  TiergatePreparedStatement(AvaticaConnection connection, Meta.StatementHandle h,
      Meta.Signature signature, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  // Each execution forgets the warnings of the one before (executeUpdate comes through
  // executeLargeUpdate).
  @Override public ResultSet executeQuery() throws SQLException {
    warnings.executing();
    return super.executeQuery();
  }

  @Override public boolean execute() throws SQLException {
    warnings.executing();
    return super.execute();
  }

  @Override public long executeLargeUpdate() throws SQLException {
    warnings.executing();
    return super.executeLargeUpdate();
  }

  @Override public long[] executeLargeBatch() throws SQLException {
    warnings.executing();
    return super.executeLargeBatch();
  }

  @Override public int[] executeBatch() throws SQLException {
    warnings.executing();
    return super.executeBatch();
  }

  // java.time values, which Avatica's client has no wire form for (see JavaTimeValues); the
  // gateway converts each value to its parameter's type, so the target type may be ignored.
  @Override public void setObject(int parameterIndex, Object x) throws SQLException {
    if (JavaTimeValues.handles(x)) {
      JavaTimeValues.bind(this, parameterIndex, x);
    } else {
      super.setObject(parameterIndex, x);
    }
  }

  @Override public void setObject(int parameterIndex, Object x, int targetSqlType)
      throws SQLException {
    if (JavaTimeValues.handles(x)) {
      JavaTimeValues.bind(this, parameterIndex, x);
    } else {
      super.setObject(parameterIndex, x, targetSqlType);
    }
  }

  /** Avatica's binds nothing at all (its site's method is empty); the scale is not needed. */
  @Override public void setObject(int parameterIndex, Object x, int targetSqlType,
      int scaleOrLength) throws SQLException {
    setObject(parameterIndex, x, targetSqlType);
  }

  /** JDBC 4.2's form, which Avatica leaves to the interface's default (unsupported). */
  @Override public void setObject(int parameterIndex, Object x, java.sql.SQLType targetSqlType)
      throws SQLException {
    Integer type = targetSqlType == null ? null : targetSqlType.getVendorTypeNumber();
    if (type == null) {
      setObject(parameterIndex, x);
    } else {
      setObject(parameterIndex, x, type);
    }
  }

  @Override public void setObject(int parameterIndex, Object x, java.sql.SQLType targetSqlType,
      int scaleOrLength) throws SQLException {
    setObject(parameterIndex, x, targetSqlType);
  }

  @Override public ServerWarnings serverWarnings() {
    return warnings;
  }

  @Override public SQLWarning getWarnings() throws SQLException {
    return warnings.get();
  }

  @Override public void clearWarnings() throws SQLException {
    warnings.clear();
  }

  @Override public void setRowId(int parameterIndex, java.sql.RowId x) throws SQLException {
    getSite(parameterIndex).setRowId(x);
  }

  @Override public void setNString(int parameterIndex, String x) throws SQLException {
    getSite(parameterIndex).setNString(x);
  }

  @Override public void setNCharacterStream(int parameterIndex, Reader x, long length) throws SQLException {
    getSite(parameterIndex).setNCharacterStream(x, length);
  }

  @Override public void setNClob(int parameterIndex, NClob x) throws SQLException {
    getSite(parameterIndex).setNClob(x);
  }

  @Override public void setClob(int parameterIndex, Reader x, long length) throws SQLException {
    getSite(parameterIndex).setClob(x, length);
  }

  @Override public void setBlob(int parameterIndex, InputStream x, long length) throws SQLException {
    getSite(parameterIndex).setBlob(x, length);
  }

  @Override public void setNClob(int parameterIndex, Reader x, long length) throws SQLException {
    getSite(parameterIndex).setNClob(x, length);
  }

  @Override public void setSQLXML(int parameterIndex, SQLXML x) throws SQLException {
    getSite(parameterIndex).setSQLXML(x);
  }

  @Override public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
    getSite(parameterIndex).setAsciiStream(x, length);
  }

  @Override public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
    getSite(parameterIndex).setBinaryStream(x, length);
  }

  @Override public void setCharacterStream(int parameterIndex, Reader x, long length) throws SQLException {
    getSite(parameterIndex).setCharacterStream(x, length);
  }

  @Override public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
    getSite(parameterIndex).setAsciiStream(x);
  }

  @Override public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
    getSite(parameterIndex).setBinaryStream(x);
  }

  @Override public void setCharacterStream(int parameterIndex, Reader x) throws SQLException {
    getSite(parameterIndex).setCharacterStream(x);
  }

  @Override public void setNCharacterStream(int parameterIndex, Reader x) throws SQLException {
    getSite(parameterIndex).setNCharacterStream(x);
  }

  @Override public void setClob(int parameterIndex, Reader x) throws SQLException {
    getSite(parameterIndex).setClob(x);
  }

  @Override public void setBlob(int parameterIndex, InputStream x) throws SQLException {
    getSite(parameterIndex).setBlob(x);
  }

  @Override public void setNClob(int parameterIndex, Reader x) throws SQLException {
    getSite(parameterIndex).setNClob(x);
  }
}
