#!/bin/bash
# usage: run.sh input.tsv output.tsv
P="psql postgresql://postgres:postgres@127.0.0.1:28642/h_vals -q"
$P -c "truncate cases; alter sequence cases_id_seq restart" 
$P -c "\copy cases(op,a,b,c) from '$1'"
$P -c "SET DateStyle='ISO, DMY'" -c "SET TimeZone='UTC'" -c "SET IntervalStyle='iso_8601'" -c "SET extra_float_digits=1" \
   -c "\copy (select op, a, b, c, ev(op, a, b, c) from cases order by id) to '$2'"
