SET DateStyle='ISO, DMY'; SET TimeZone='UTC'; SET IntervalStyle='iso_8601'; SET extra_float_digits=1;
CREATE OR REPLACE FUNCTION ev(op text, a text, b text, c text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  r := CASE op
    WHEN 'date_in' THEN a::date::text
    WHEN 'time_in' THEN a::time::text
    WHEN 'ts_in' THEN a::timestamp::text
    WHEN 'tstz_in' THEN a::timestamptz::text
    WHEN 'iv_in' THEN a::interval::text
    WHEN 'iv_parts' THEN ((a::int) * interval '1 mon' + (b::int) * interval '1 day' + (c::bigint) * interval '1 microsecond')::text
    WHEN 'ts_pl_iv' THEN (a::timestamp + b::interval)::text
    WHEN 'ts_mi_iv' THEN (a::timestamp - b::interval)::text
    WHEN 'tstz_pl_iv' THEN (a::timestamptz + b::interval)::text
    WHEN 'ts_mi_ts' THEN (a::timestamp - b::timestamp)::text
    WHEN 'date_pl_iv' THEN (a::date + b::interval)::text
    WHEN 'date_mi_date' THEN (a::date - b::date)::text
    WHEN 'date_pl_int' THEN (a::date + b::int)::text
    WHEN 'date_pl_time' THEN (a::date + b::time)::text
    WHEN 'ts_date' THEN (a::timestamp::date)::text
    WHEN 'ts_time' THEN (a::timestamp::time)::text
    WHEN 'date_ts' THEN (a::date::timestamp)::text
    WHEN 'iv_time' THEN (a::interval::time)::text
    WHEN 'time_pl_iv' THEN (a::time + b::interval)::text
    WHEN 'time_mi_iv' THEN (a::time - b::interval)::text
    WHEN 'time_mi_time' THEN (a::time - b::time)::text
    WHEN 'iv_pl' THEN (a::interval + b::interval)::text
    WHEN 'iv_mi' THEN (a::interval - b::interval)::text
    WHEN 'iv_um' THEN (- a::interval)::text
    WHEN 'iv_mul' THEN (a::interval * b::float8)::text
    WHEN 'iv_div' THEN (a::interval / b::float8)::text
    WHEN 'justify_days' THEN justify_days(a::interval)::text
    WHEN 'justify_hours' THEN justify_hours(a::interval)::text
    WHEN 'justify_interval' THEN justify_interval(a::interval)::text
    WHEN 'iv_cmp' THEN (CASE WHEN a::interval < b::interval THEN -1 WHEN a::interval = b::interval THEN 0 ELSE 1 END)::text
    WHEN 'tz_tstz' THEN timezone(b, a::timestamptz)::text
    WHEN 'tz_ts' THEN timezone(b, a::timestamp)::text
    WHEN 'jb_in' THEN a::jsonb::text
    WHEN 'jb_field' THEN (a::jsonb -> b)::text
    WHEN 'jb_elem' THEN (a::jsonb -> b::int)::text
    WHEN 'jb_field_text' THEN (a::jsonb ->> b)
    WHEN 'jb_elem_text' THEN (a::jsonb ->> b::int)
    WHEN 'jb_contains' THEN (a::jsonb @> b::jsonb)::text
    WHEN 'jb_cmp' THEN (CASE WHEN a::jsonb < b::jsonb THEN -1 WHEN a::jsonb = b::jsonb THEN 0 ELSE 1 END)::text
  END;
  RETURN coalesce(r, 'NULL');
EXCEPTION WHEN others THEN
  RETURN 'ERROR:' || SQLERRM;
END $$;
CREATE TABLE IF NOT EXISTS cases(id serial, op text, a text, b text, c text);
