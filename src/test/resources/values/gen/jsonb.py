import random, sys, json
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 42)
rows = []
def add(op, a, b='', c=''):
    rows.append((op, a, b, c))

KEYS = ['a', 'b', 'c', 'aa', 'ab', 'B', 'key', 'name', 'x1', '', 'é', 'z', 'ü', '日本', 'a b', 'k"q', 'tab\t', '\U0001F600', '\uffff', 'id', 'Id', 'ID', 'items']
STRS = ['', 'a', 'b', 'A', 'hello', 'é', 'e', '\U0001F600', '\uffee', 'x\ny', 'q"uote', 'back\\slash', 'sl/ash', '\x01', '\x1f', '\x7f', 'tab\there', 'ab', 'abc', 'abd', 'aé', '1', 'true', 'null', '日本語']

def rnum_text():
    r = random.random()
    if r < 0.3: return str(random.randint(-100, 100))
    if r < 0.5: return random.choice(['0', '-0', '1.0', '1.00', '1e2', '1E+2', '1e-2', '-1.5e1', '0.0', '-0.0', '1.50e1', '0.00001e3', '10', '100', '1.5', '2.50', '123456789012345678901234567890', '1e20', '12.34e-5', '5e0', '0e5', '3.14159'])
    if r < 0.8: return '%s%d.%s' % (random.choice(['', '-']), random.randint(0, 1000), ''.join(random.choice('0123456789') for _ in range(random.randint(1, 5))))
    return '%d%s%s%d' % (random.randint(0, 99), random.choice(['e', 'E']), random.choice(['', '+', '-']), random.randint(0, 30))

def esc_string(s):
    out = '"'
    for ch in s:
        o = ord(ch)
        r = random.random()
        if ch == '"': out += '\\"'
        elif ch == '\\': out += '\\\\'
        elif o < 0x20:
            out += random.choice(['\\u%04x' % o, '\\u%04X' % o] + (['\\n'] if ch == '\n' else []) + (['\\t'] if ch == '\t' else []))
        elif r < 0.1 and o < 0x10000: out += '\\u%04x' % o
        elif r < 0.1: 
            v = o - 0x10000; out += '\\u%04x\\u%04x' % (0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF))
        elif ch == '/' and r < 0.5: out += '\\/'
        else: out += ch
    return out + '"'

def ws():
    return random.choice(['', '', '', ' ', '\n', '  ', '\t', '\r\n'])

def rvalue(depth=0):
    r = random.random()
    if depth < 3 and r < 0.25:
        n = random.randint(0, 4)
        keys = [random.choice(KEYS) for _ in range(n)]
        return '{' + ws() + (',' + ws()).join(esc_string(k) + ws() + ':' + ws() + rvalue(depth + 1) for k in keys) + ws() + '}'
    if depth < 3 and r < 0.45:
        n = random.randint(0, 4)
        return '[' + ws() + (',' + ws()).join(rvalue(depth + 1) for _ in range(n)) + ws() + ']'
    if r < 0.65: return rnum_text()
    if r < 0.85: return esc_string(random.choice(STRS))
    return random.choice(['true', 'false', 'null'])

def rdoc():
    return ws() + rvalue() + ws()

# canonical-ish python value for building containment candidates
def sub(v):
    """A random sub-structure likely contained in v."""
    if isinstance(v, dict):
        keys = [k for k in v if random.random() < 0.5]
        return {k: sub(v[k]) if random.random() < 0.7 else v[k] for k in keys}
    if isinstance(v, list):
        items = [sub(x) for x in v if random.random() < 0.5]
        if random.random() < 0.2 and v: items.append(random.choice(v))
        random.shuffle(items)
        return items
    return v

def mutate(v):
    if isinstance(v, dict) and v and random.random() < 0.5:
        k = random.choice(list(v)); v = dict(v); v[k] = random.choice([1, 'x', None, [], {}, True]); return v
    if isinstance(v, list) and random.random() < 0.5:
        return v + [random.choice([1, 'zz', None, [1], {'a': 1}])]
    return random.choice([1, 'a', None, [], {}, [1, 2], {'a': 1}, 2.5, False])

INVALID = ['', ' ', '{', '[1,]', '{"a":1,}', '01', '-', '1.', '.5', '1e', '+1', 'tru', 'nul', 'True', "'a'", '"a', '"\\x"',
           '"\\u12"', '"\\u0000"', '"a\\u0000b"', '"\\ud800"', '"\\udc00"', '"\\ud800\\ud800"', '"\\ud83d\\ude00"', '"\t"',
           '"\x01"', '{"a" 1}', '{a:1}', '[1 2]', '1 2', 'nan', 'NaN', 'Infinity', '-Infinity', '1e1000000', '1e-20000',
           '1e131071', '1e131072', '1e-16383', '1e-16384', '0e-16384', '0.' + '0' * 16383 + '1', '[1]x', '{"a":1}}', '"\\/"',
           '1E400', '-0.000', '[]', '{}', '[[]]', '{"a":{}}', '  [ 1 , 2 ]  ', '\u00a0 1', '1\u00a0', '{"a":1,"a":2}',
           '{"b":1,"a":2,"a":3}', '{"aaa":1,"b":2,"cc":3}', '"\\u00e9\\u00E9"', '"\\uD83D\\uDE00"', '"\U0001F600"']
for s in INVALID: add('jb_in', s)
for _ in range(1500): add('jb_in', rdoc())

docs = []
for _ in range(400):
    while True:
        t = rdoc()
        try:
            v = json.loads(t)
            break
        except Exception:
            continue
    docs.append((t, v))
for t, v in docs:
    for _ in range(2):
        add('jb_field', t, random.choice(list(v) if isinstance(v, dict) and v and random.random() < 0.7 else KEYS))
        add('jb_field_text', t, random.choice(list(v) if isinstance(v, dict) and v and random.random() < 0.7 else KEYS))
        n = len(v) if isinstance(v, list) else 1
        add('jb_elem', t, str(random.randint(-n - 1, n)))
        add('jb_elem_text', t, str(random.randint(-n - 1, n)))
def dump(v):
    return json.dumps(v, ensure_ascii=random.random() < 0.5)
for t, v in docs:
    for _ in range(3):
        r = random.random()
        if r < 0.6: b = dump(sub(v))
        elif r < 0.8: b = dump(mutate(sub(v)))
        else: b = random.choice(docs)[0]
        add('jb_contains', t, b)
    if isinstance(v, list) and v:
        add('jb_contains', t, dump(random.choice(v)))
for a, b in [('[1,2]', '1'), ('1', '[1]'), ('"a"', '"a"'), ('{"a":[1,2]}', '{"a":1}'), ('[[1,2]]', '[1]'), ('[[1,2]]', '[[1]]'),
             ('[1,[2]]', '[[]]'), ('[1]', '[[]]'), ('{"a":[1,2,3]}', '{"a":[3,1,1]}'), ('[1.0]', '[1]'), ('{"a":1}', '{}'),
             ('[]', '[]'), ('{}', '[]'), ('[]', '{}'), ('[{"a":1,"b":2}]', '[{"a":1}]'), ('{"a":null}', '{"a":null}'),
             ('[null]', 'null'), ('null', 'null'), ('[1,2]', '[2,2,1,1]'), ('"a"', '["a"]'), ('[{"a":[]}]', '[{}]')]:
    add('jb_contains', a, b)
for _ in range(1500):
    a = random.choice(docs)
    r = random.random()
    if r < 0.3: b = a[0] if random.random() < 0.5 else dump(a[1])
    else: b = random.choice(docs)[0]
    add('jb_cmp', a[0], b)
SCALARS = ['null', '[]', '{}', '1', '"a"', 'true', 'false', '[1]', '[0,0]', '["a"]', '[null]', '{"a":1}', '1.0', '"b"', '""', '[[]]', '{"a":null}', '{"b":1}', '{"aa":1}', '"é"', '"\U0001F600"', '"\uffee"', '-1', '[true]', '[[1]]', '[{}]']
for a in SCALARS:
    for b in SCALARS: add('jb_cmp', a, b)
for r in rows:
    print('\t'.join(x.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r') for x in r))
