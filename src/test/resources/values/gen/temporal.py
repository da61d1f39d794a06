import random, sys
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 42)
rows = []
def add(op, a, b='', c=''):
    rows.append((op, a, b, c))

def rdate(valid_bias=True):
    r = random.random()
    if r < 0.03: return random.choice(['infinity', '-infinity'])
    if r < 0.1: y = random.randint(1, 4714); bc = ' BC'
    elif r < 0.15: y = random.randint(10000, 294276); bc = ''
    else: y = random.randint(1, 9999); bc = ''
    m = random.randint(1, 12)
    d = random.randint(1, 28)
    r2 = random.random()
    if r2 < 0.15: d = random.choice([29, 30, 31])
    if r2 < 0.02 and not valid_bias: m = random.choice([0, 13])
    if r2 > 0.97 and not valid_bias: d = random.choice([0, 32])
    if random.random() < 0.05: m, d = 2, 29
    return '%04d-%02d-%02d%s' % (y, m, d, bc)

def frac():
    n = random.choice([0, 0, 0, 1, 2, 3, 6, 6, 7, 9])
    if n == 0: return ''
    return '.' + ''.join(random.choice('0123456789') for _ in range(n))

def rtime(allow24=True):
    h = random.randint(0, 23); mi = random.randint(0, 59); s = random.randint(0, 59)
    if allow24 and random.random() < 0.02: return '24:00:00'
    if random.random() < 0.1: return '%02d:%02d' % (h, mi)
    return '%02d:%02d:%02d%s' % (h, mi, s, frac())

def roffset():
    r = random.random()
    h = random.randint(0, 14); m = random.choice([0, 0, 30, 45, 15])
    sg = random.choice('+-')
    if r < 0.2: return sg + '%02d' % h
    if r < 0.5: return sg + '%02d:%02d' % (h, m)
    if r < 0.7: return sg + '%02d%02d' % (h, m)
    if r < 0.8: return 'Z'
    if r < 0.85: return ' UTC'
    return ' ' + sg + '%02d:%02d' % (h, m)

def rts(valid_bias=True):
    d = rdate(valid_bias)
    if 'inf' in d: return d
    bc = ''
    if d.endswith(' BC'): d = d[:-3]; bc = ' BC'
    if random.random() < 0.1: return d + bc
    sep = random.choice([' ', ' ', 'T'])
    return d + sep + rtime() + bc

def rtstz():
    t = rts()
    if 'inf' in t: return t
    bc = ''
    if t.endswith(' BC'): t = t[:-3]; bc = ' BC'
    if random.random() < 0.8: t += roffset()
    return t + bc

def riv_parts():
    r = random.random()
    m = random.randint(-30, 30) if r < 0.5 else random.randint(-3000, 3000)
    d = random.randint(-40, 40) if random.random() < 0.7 else random.randint(-100000, 100000)
    us = random.choice([0, random.randint(-10**6, 10**6), random.randint(-86400 * 10**6 * 3, 86400 * 10**6 * 3),
                        random.randint(-10**15, 10**15), random.randint(0, 86400) * 10**6])
    if random.random() < 0.3: m = 0
    if random.random() < 0.3: d = 0
    return m, d, us

UNITS = ['microsecond', 'microseconds', 'us', 'millisecond', 'ms', 'second', 'seconds', 'sec', 's', 'minute',
         'minutes', 'min', 'm', 'hour', 'hours', 'h', 'hr', 'day', 'days', 'd', 'week', 'weeks', 'w', 'month',
         'months', 'mon', 'mons', 'year', 'years', 'y', 'yr', 'decade', 'decades', 'century', 'c', 'millennium',
         'quarter', 'foo', 'ago', 'Day', 'HOURS']

def rnum():
    r = random.random()
    n = str(random.randint(0, 100)) if r < 0.7 else str(random.randint(0, 10**6))
    if random.random() < 0.3: n += '.' + str(random.randint(0, 999)).rjust(random.randint(1, 3), '0')
    if random.random() < 0.3: n = random.choice(['-', '+']) + n
    return n

def riv_text():
    r = random.random()
    if r < 0.45:
        parts = []
        for _ in range(random.randint(1, 4)):
            parts.append(rnum() + random.choice([' ', '']) + random.choice(UNITS))
        if random.random() < 0.2: parts.append(random.choice(['', '-', '+']) + rtime(False))
        if random.random() < 0.1: parts.insert(0, '@')
        if random.random() < 0.1: parts.append('ago')
        return ' '.join(parts)
    if r < 0.7:
        s = 'P'
        for u in 'YMWD':
            if random.random() < 0.4: s += rnum().lstrip('+') + u
        if random.random() < 0.6:
            s += 'T'
            for u in 'HMS':
                if random.random() < 0.5: s += rnum().lstrip('+') + u
        if random.random() < 0.1: s = 'P%04d-%02d-%02dT%02d:%02d:%02d' % (random.randint(0, 20), random.randint(0, 13), random.randint(0, 40), random.randint(0, 30), random.randint(0, 59), random.randint(0, 61))
        return s
    if r < 0.85:
        s = ''
        if random.random() < 0.5: s += '%s%d-%d ' % (random.choice(['', '-', '+']), random.randint(0, 100), random.randint(0, 12))
        if random.random() < 0.7: s += '%s%d ' % (random.choice(['', '-', '+']), random.randint(0, 1000))
        s += random.choice(['', '-', '+']) + rtime(False)
        return s
    return random.choice(['1 day', '-1 day', '1 day 02:00:00', '@ 1 day ago', '1.5 days', '2 hours 30 minutes',
                          '1 year 2 mons', '1-2', '3 4:05:06', 'PT0S', 'P1Y2M3DT4H5M6.5S', '0', '', ' ', 'infinity',
                          '1 day 2 days', '10:00.5', '1:2:3:4', '02:00 1.5 days', '1d2h', '1day2hours', 'P1T2H',
                          'P20240102', 'PT102030', '100000000000 hours', '2147483648 days', '178956970 years',
                          '-178956970 years -8 months', '1e3 s', '.5 hour', 'P.5D', 'P1.5Y', 'P-1.5M', '@1 mon',
                          '1 mon -30 days', '5 millennium 3 centuries', '1 week 3 days', '1,5 days', 'PT1.0000005S',
                          '0.0000005 s', '0.0000015 s', '0.0000025 seconds', '1.0000005 hours', '10000000000000:00'])

for _ in range(600): add('date_in', rdate(False))
for _ in range(500): add('ts_in', rts(False))
for _ in range(500): add('tstz_in', rtstz())
for _ in range(200): add('time_in', rtime())
for _ in range(1200): add('iv_in', riv_text())
for _ in range(600):
    m, d, us = riv_parts(); add('iv_parts', str(m), str(d), str(us))
def ivtext():
    m, d, us = riv_parts()
    return 'P%dM%dDT%d.%06dS' % (m, d, int(us / 10**6), abs(us) % 10**6) if us >= 0 else 'P%dM%dDT-%d.%06dS' % (m, d, abs(us) // 10**6, abs(us) % 10**6)
for _ in range(600): add('ts_pl_iv', rts(), ivtext())
for _ in range(300): add('ts_mi_iv', rts(), ivtext())
for _ in range(200): add('tstz_pl_iv', rtstz(), ivtext())
for _ in range(400): add('ts_mi_ts', rts(), rts())
for _ in range(200): add('date_pl_iv', rdate(), ivtext())
for _ in range(200): add('date_mi_date', rdate(), rdate())
for _ in range(200): add('date_pl_int', rdate(), str(random.randint(-10**6, 10**6)))
for _ in range(100): add('date_pl_time', rdate(), rtime())
for _ in range(100): add('ts_date', rts())
for _ in range(100): add('ts_time', rts())
for _ in range(100): add('date_ts', rdate())
for _ in range(100): add('iv_time', ivtext())
for _ in range(200): add('time_pl_iv', rtime(), ivtext())
for _ in range(100): add('time_mi_iv', rtime(), ivtext())
for _ in range(100): add('time_mi_time', rtime(), rtime())
for _ in range(200): add('iv_pl', ivtext(), ivtext())
for _ in range(100): add('iv_mi', ivtext(), ivtext())
for _ in range(50): add('iv_um', ivtext())
FACTORS = lambda: random.choice([str(random.uniform(-10, 10)), str(random.randint(-5, 5)), '0.5', '1.5', '-0.5', '0.1', '0.3',
                                 '3', '7', '1e-3', str(random.uniform(-1000, 1000)), '1.7', '2.5', '0.333333', '1e10', '0'])
for _ in range(600): add('iv_mul', ivtext(), FACTORS())
for _ in range(600): add('iv_div', ivtext(), FACTORS())
for op in ['justify_days', 'justify_hours', 'justify_interval']:
    for _ in range(300): add(op, ivtext())
for _ in range(500):
    a = ivtext(); b = ivtext() if random.random() < 0.7 else a
    add('iv_cmp', a, b)
for a, b in [('1 mon', '30 days'), ('1 day', '24 hours'), ('1 year', '360 days'), ('-1 mon', '-30 days'), ('1 mon 1 day', '31 days'), ('P1M', 'PT720H')]:
    add('iv_cmp', a, b)
ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'america/sao_paulo',
         '+02:00', '-05', 'UTC+3', 'GMT-5', '5', 'Etc/GMT+3', 'Pacific/Chatham', 'Europe/Moscow', 'Z', 'Foo/Bar']
for _ in range(300): add('tz_tstz', rtstz(), random.choice(ZONES))
for _ in range(300): add('tz_ts', rts(), random.choice(ZONES))
for t in ['2024-03-31 02:30', '2024-03-31 01:59:59', '2024-03-31 03:00', '2024-10-27 02:30', '2024-10-27 01:30', '2024-10-27 03:00',
          '2024-03-10 02:30', '2024-11-03 01:30', '1850-01-01 00:00', '2100-07-01 12:00']:
    for z in ['Europe/Paris', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe']:
        add('tz_ts', t, z); add('tz_tstz', t + '+00', z)
EXTRA = [('ts_in', '2024-05-01 10:00:00.0000005'), ('ts_in', '2024-05-01 10:00:00.0000015'), ('ts_in', '2024-05-01 10:00:00.0000025'),
         ('ts_in', '2024-05-01 23:59:59.9999995'), ('ts_in', '2024-12-31 23:59:60'), ('ts_in', '2024-05-01T10:00:00Z'),
         ('ts_in', '2024-05-01 10:00'), ('ts_in', '2024-05-01 10:00 Europe/Paris'), ('ts_in', 'now'), ('ts_in', 'today'),
         ('ts_in', 'epoch'), ('ts_in', '294276-12-31 23:59:59.999999'), ('ts_in', '294277-01-01'), ('ts_in', '4714-11-24 BC'),
         ('ts_in', '4714-11-23 23:59:59 BC'), ('tstz_in', '294277-01-01 00:30+01'), ('tstz_in', '2024-05-01 10:00+16'),
         ('tstz_in', '2024-05-01 10:00:00+15:59'), ('tstz_in', '2024-05-01 10:00:00+123'), ('tstz_in', '2024-05-01 10:00:00+1:5'),
         ('tstz_in', '2024-05-01 10:00:00-05:30:15'), ('tstz_in', '2024-05-01 10:00 +02 BC'), ('tstz_in', '2024-05-01+05'),
         ('tstz_in', '2024-05-01 +05'), ('tstz_in', '2024-05-01 Z'), ('tstz_in', 'infinity'), ('tstz_in', ' -Infinity '),
         ('tstz_in', '+infinity'), ('date_in', '0000-01-01'), ('date_in', '2024-02-30'), ('date_in', '2023-02-29'),
         ('date_in', '2000-02-29'), ('date_in', '1900-02-29'), ('date_in', '0001-02-29 BC'), ('date_in', '0005-02-29 BC'),
         ('date_in', '5874897-12-31'), ('date_in', '5874898-01-01'), ('date_in', '4714-11-24 BC'), ('date_in', '4714-11-23 BC'),
         ('date_in', '24-05-01'), ('date_in', '2024-05-01 10:00:00+02'), ('date_in', 'yesterday'), ('time_in', '24:00'),
         ('time_in', '24:00:01'), ('time_in', '23:59:60'), ('time_in', '23:59:59.9999999'), ('time_in', '10:00+02'),
         ('time_in', '2024-05-01 10:00'), ('time_in', '10'), ('time_in', '10:60'), ('time_in', 'allballs'),
         ('ts_in', '2024-01-01 24:00'), ('ts_in', '2024-01-01 24:30'), ('ts_in', '2024-05-01 10:00:00.'), ('ts_in', '2024-05-01 10'),
         ('ts_in', '2024-5-1 1:2:3.5'), ('ts_in', '999-01-01 00:00')]
for op, a in EXTRA: add(op, a)
for d in ['2024-01-31', '2023-01-31', '2024-03-31', '2024-02-29', '2023-12-31 23:59:59.5', '0001-01-31 BC', '2000-02-29']:
    for iv in ['1 mon', '-1 mon', '1 year', '13 mons', '-13 mons', '1 mon 1 day', 'P1M-1D', '-1 year -1 day', '1 day -1 mon', 'PT-1S', '12 mons']:
        add('ts_pl_iv', d, iv)
for a, b in [('2024-03-01', '2024-02-28 12:00'), ('2024-01-01', '2023-01-01'), ('2023-01-01', '2024-01-01 00:00:00.5'), ('294276-12-31 23:59:59', '4713-01-01 BC')]:
    add('ts_mi_ts', a, b)
for r in rows:
    print('\t'.join(x.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n') for x in r))
EDGE = []
BIG = ['P178956970Y7M', 'P-178956970Y-8M', 'P2147483647D', 'P-2147483648D', 'PT2562047788H54.775807S', 'PT-2562047788H-54.775808S',
       'P1M', 'P-1M', 'PT0S', 'P30D', 'PT720H', 'P1Y', 'PT0.000001S', 'PT-0.000001S', 'P1M-30D', 'P1DT-24H']
for a in BIG:
    for f in ['0.5', '2', '-1', '1e-300', '1e300', 'nan', 'infinity', '-infinity', '0', '3.3', '-0.0001', '1.0000001']:
        EDGE.append(('iv_mul', a, f)); EDGE.append(('iv_div', a, f))
    for b in BIG:
        EDGE.append(('iv_cmp', a, b)); EDGE.append(('iv_pl', a, b)); EDGE.append(('iv_mi', a, b))
    for op in ['iv_um', 'justify_days', 'justify_hours', 'justify_interval', 'iv_time']: EDGE.append((op, a, ''))
    for t in ['294276-12-31 23:59:59', '4714-11-24 00:00:00 BC', '2000-01-01', 'infinity', '-infinity']:
        EDGE.append(('ts_pl_iv', t, a)); EDGE.append(('ts_mi_iv', t, a))
    EDGE.append(('time_pl_iv', '23:59:59', a)); EDGE.append(('time_mi_iv', '00:00:00', a))
for t1 in ['294276-12-31 23:59:59.999999', '4714-11-24 00:00:00 BC', '2000-01-01', 'infinity', '-infinity', '1970-01-01']:
    for t2 in ['294276-12-31 23:59:59.999999', '4714-11-24 00:00:00 BC', '2000-01-01', 'infinity', '1970-01-01']:
        EDGE.append(('ts_mi_ts', t1, t2))
for d in ['5874897-12-31', '4714-11-24 BC', 'infinity', '-infinity', '294276-12-31', '294277-01-01']:
    for n in ['1', '-1', '1000000000', '-1000000000', '0']: EDGE.append(('date_pl_int', d, n))
    EDGE.append(('date_ts', d, '')); EDGE.append(('date_pl_time', d, '24:00')); EDGE.append(('date_mi_date', d, '2000-01-01'))
    EDGE.append(('date_pl_iv', d, '1 day'))
for t in ['294276-12-31 23:00', '4714-11-24 00:30 BC', 'infinity', '1800-06-01 12:00', '1000-01-01 00:00']:
    for z in ['Europe/Paris', 'Asia/Kolkata', 'America/Los_Angeles', '+14', '-14', 'UTC-12', 'EST', 'cet', 'utc', 'GMT', 'zulu', 'Europe/Berlin']:
        EDGE.append(('tz_ts', t, z)); EDGE.append(('tz_tstz', t, z))
for s in ['2147483647 days', '2147483648 days', '-2147483648 days', '9223372036854775807 us', '9223372036854775808 us',
          '2562047788 hours', '2562047789 hours', '178956970 years 8 mons', '1 millennium', '0.5 millennium', '1.5 centuries',
          '-1.5 decades', '1 week 1.5 days', '1.5 weeks 2 days', '3 4:05:06.5', '-3 -4:05:06', '1-2 -3 +4:05', '+1-2', '-1-2',
          '1-12', '1-2-3', '@ 1 day 2 hours ago', '1 day ago 2 hours', 'ago', '@', '1 hour 2', '2 1 hour', '5 mins 30',
          '1:2', '1:2.5', '1:2:3.5', '100:00:00', '-100:59:59.999999', '1:60', '1:00:61', '1 day 1:60', 'P1Y2M3W4D',
          'P1W', 'PT1.5H', 'P0.5Y', 'P1.1Y', 'P1Y-1M', 'P1DT', 'PT', 'P', 'p1d', ' P1D', 'P1D ', 'P1-2', 'P1-2-3',
          'P0001-02-03T04:05:06', 'PT1:2:3', 'P1Y2M3DT4H5M6S7', 'P1e2D', 'P-inf D', 'P1.5W', '1 microseconds', '1 millisecondsx',
          '1 microsecondsabc', '10 ms 5 us', '1.5 ms', '0.5 us', '1.4 us', '1.6 us', '-1.5 us', '-0.5 us', '1 mon 0.5 days',
          '0.1 mon', '0.01 years', '1 day 2', '2 1 day', '1 2 3', '\t1 day\n']:
    EDGE.append(('iv_in', s, ''))
for op, a, b in EDGE: add(op, a, b)
for r in rows[-len(EDGE):]:
    print('\t'.join(x.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n') for x in r))
