//! Arrow tables out: columns with their unit in the field metadata
//! (`{"unit": "MWh"}`), money as exact `decimal128`, returned as pyarrow
//! tables through the Arrow C data interface (pyo3-arrow).

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::{
    ArrayRef, Decimal128Array, Float64Array, Int64Array, RecordBatch, StringArray,
    TimestampMicrosecondArray, UInt32Array,
};
use arrow_schema::{DataType, Field, Schema, TimeUnit};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3_arrow::PyTable;
use wattage::rust_decimal::Decimal;

/// A table under construction, column by column.
#[derive(Default)]
pub(crate) struct TableBuilder {
    fields: Vec<Field>,
    columns: Vec<ArrayRef>,
    metadata: HashMap<String, String>,
}

fn field(name: &str, dt: DataType, unit: Option<&str>) -> Field {
    let f = Field::new(name, dt, false);
    match unit {
        Some(u) => f.with_metadata(HashMap::from([("unit".to_owned(), u.to_owned())])),
        None => f,
    }
}

impl TableBuilder {
    /// A float column in `unit`.
    pub(crate) fn f64(&mut self, name: &str, unit: Option<&str>, values: Vec<f64>) -> &mut Self {
        self.fields.push(field(name, DataType::Float64, unit));
        self.columns.push(Arc::new(Float64Array::from(values)));
        self
    }

    /// An integer column.
    pub(crate) fn i64(&mut self, name: &str, unit: Option<&str>, values: Vec<i64>) -> &mut Self {
        self.fields.push(field(name, DataType::Int64, unit));
        self.columns.push(Arc::new(Int64Array::from(values)));
        self
    }

    /// An unsigned integer column.
    pub(crate) fn u32(&mut self, name: &str, unit: Option<&str>, values: Vec<u32>) -> &mut Self {
        self.fields.push(field(name, DataType::UInt32, unit));
        self.columns.push(Arc::new(UInt32Array::from(values)));
        self
    }

    /// A text column.
    pub(crate) fn str<S: AsRef<str>>(&mut self, name: &str, values: &[S]) -> &mut Self {
        self.fields.push(field(name, DataType::Utf8, None));
        let v: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
        self.columns.push(Arc::new(StringArray::from(v)));
        self
    }

    /// UTC instants, microseconds.
    pub(crate) fn timestamps(&mut self, name: &str, micros: Vec<i64>) -> &mut Self {
        self.fields.push(field(
            name,
            DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            None,
        ));
        self.columns.push(Arc::new(
            TimestampMicrosecondArray::from(micros).with_timezone("UTC"),
        ));
        self
    }

    /// Exact decimals at one scale (the largest of the values'), so that
    /// no digit is lost.
    ///
    /// # Errors
    /// `ValueError` if a value does not fit 38 digits at that scale.
    pub(crate) fn decimal(
        &mut self,
        name: &str,
        unit: Option<&str>,
        values: &[Decimal],
    ) -> PyResult<&mut Self> {
        let scale = values
            .iter()
            .map(|d| d.normalize().scale())
            .max()
            .unwrap_or(0);
        let mut out = Vec::with_capacity(values.len());
        for d in values {
            let d = d.normalize();
            let shift = scale - d.scale();
            let m = 10i128
                .checked_pow(shift)
                .and_then(|p| d.mantissa().checked_mul(p))
                .filter(|m| m.unsigned_abs() < 10u128.pow(38))
                .ok_or_else(|| {
                    PyValueError::new_err(format!(
                        "column {name}: {d} does not fit a decimal128 at scale {scale}"
                    ))
                })?;
            out.push(m);
        }
        let scale_i8 = i8::try_from(scale).unwrap_or(28);
        let array = Decimal128Array::from(out)
            .with_precision_and_scale(38, scale_i8)
            .map_err(|e| PyValueError::new_err(format!("column {name}: {e}")))?;
        self.fields
            .push(field(name, DataType::Decimal128(38, scale_i8), unit));
        self.columns.push(Arc::new(array));
        Ok(self)
    }

    /// A key of the schema's metadata.
    pub(crate) fn meta(&mut self, key: &str, value: impl Into<String>) -> &mut Self {
        self.metadata.insert(key.to_owned(), value.into());
        self
    }

    /// The pyarrow table.
    ///
    /// # Errors
    /// `ValueError` if columns differ in length.
    pub(crate) fn finish(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        let schema = Arc::new(Schema::new_with_metadata(self.fields, self.metadata));
        let batch = RecordBatch::try_new(schema.clone(), self.columns)
            .map_err(|e| PyValueError::new_err(format!("building a table: {e}")))?;
        PyTable::try_new(vec![batch], schema)?.into_pyarrow(py)
    }
}
