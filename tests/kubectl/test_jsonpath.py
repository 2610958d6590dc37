import pytest

from kubelab.kubectl.jsonpath import JSONPath, JSONPathError, relaxed_json_path_expression

STORE = {
    "Name": "jsonpath",
    "Book": [
        {"Category": "reference", "Author": "Nigel Rees", "Title": "Sayings of the Century", "Price": 8.95},
        {"Category": "fiction", "Author": "Evelyn Waugh", "Title": "Sword of Honour", "Price": 12.99},
        {"Category": "fiction", "Author": "Herman Melville", "Title": "Moby Dick", "Price": 8.99},
    ],
    "Bicycle": [{"Color": "red", "Price": 19.95, "IsNew": True}, {"Color": "green", "Price": 20.01, "IsNew": False}],
    "Labels": {"engieer": 10, "web/html": 15, "k8s-app": 20},
    "Employees": {"jason": "manager", "dan": "clerk"},
}

NODES = {
    "kind": "List",
    "items": [
        {"kind": "None", "metadata": {"name": "127.0.0.1", "labels": {"kubernetes.io/hostname": "127.0.0.1"}},
         "status": {"capacity": {"cpu": "4"}, "addresses": [{"type": "LegacyHostIP", "address": "127.0.0.1"}]}},
        {"kind": "None", "metadata": {"name": "127.0.0.2", "labels": {"kubernetes.io/hostname": "127.0.0.2"}},
         "status": {"capacity": {"cpu": "8"}, "addresses": [{"type": "LegacyHostIP", "address": "127.0.0.2"},
                                                            {"type": "another", "address": "127.0.0.3"}]}},
    ],
    "users": [{"name": "myself", "user": {}}, {"name": "e2e", "user": {"username": "admin", "password": "secret"}}],
}

# Upstream test names from client-go/util/jsonpath/jsonpath_test.go. Struct field order becomes
# sorted key order here: objects are maps, as they are for kubectl.
CASES = [
    ("plain", "hello jsonpath", None, "hello jsonpath"),
    ("recursive", "{..}", [1, 2, 3], "[1,2,3]"),
    ("filter", "{[?(@<5)]}", [2, 6, 3, 7], "2 3"),
    ("quote", '{"{"}', None, "{"),
    ("union", "{[1,3,4]}", [0, 1, 2, 3, 4], "1 3 4"),
    ("array", "{[0:2]}", ["Monday", "Tudesday"], "Monday Tudesday"),
    ("variable", "hello {.Name}", STORE, "hello jsonpath"),
    ("dict/", "{$.Labels.web/html}", STORE, "15"),
    ("dict/", "{$.Employees.jason}", STORE, "manager"),
    ("dict-", "{.Labels.k8s-app}", STORE, "20"),
    ("nest", "{.Bicycle[*].Color}", STORE, "red green"),
    ("allarray", "{.Book[*].Author}", STORE, "Nigel Rees Evelyn Waugh Herman Melville"),
    ("allfields", '{range .Bicycle[*]}{ "{" }{ @.* }{ "} " }{end}', STORE, "{red true 19.95} {green false 20.01} "),
    ("recurfields", "{..Price}", STORE, "19.95 20.01 8.95 12.99 8.99"),
    ("recurdotfields", "{...Price}", STORE, "19.95 20.01 8.95 12.99 8.99"),
    ("allstructsSlice", "{.Bicycle}", STORE,
     '[{"Color":"red","IsNew":true,"Price":19.95},{"Color":"green","IsNew":false,"Price":20.01}]'),
    ("allstructs", '{range .Bicycle[*]}{ @ }{ " " }{end}', STORE,
     '{"Color":"red","IsNew":true,"Price":19.95} {"Color":"green","IsNew":false,"Price":20.01} '),
    ("lastarray", "{.Book[-1:]}", STORE,
     '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}'),
    ("recursive array", "{..Book[2]}", STORE,
     '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}'),
    ("bool item", "{.Bicycle[?(@.IsNew==true)]}", STORE, '{"Color":"red","IsNew":true,"Price":19.95}'),
    ("range item", "{range .items[*]}{.metadata.name}, {end}{.kind}", NODES, "127.0.0.1, 127.0.0.2, List"),
    ("range item with quote", '{range .items[*]}{.metadata.name}{"\\t"}{end}', NODES, "127.0.0.1\t127.0.0.2\t"),
    ("range address", "{.items[*].status.addresses[*].address}", NODES, "127.0.0.1 127.0.0.2 127.0.0.3"),
    ("double range", "{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}", NODES,
     "127.0.0.1, 127.0.0.2, 127.0.0.3, "),
    ("item name", "{.items[*].metadata.name}", NODES, "127.0.0.1 127.0.0.2"),
    ("union nodes capacity", "{.items[*]['metadata.name', 'status.capacity']}", NODES,
     '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}'),
    ("range nodes capacity", "{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}", NODES,
     '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] '),
    ("user password", '{.users[?(@.name=="e2e")].user.password}', NODES, "secret"),
    ("hostname", "{.items[0].metadata.labels.kubernetes\\.io/hostname}", NODES, "127.0.0.1"),
    ("hostname filter", '{.items[?(@.metadata.labels.kubernetes\\.io/hostname=="127.0.0.1")].kind}', NODES, "None"),
]


@pytest.mark.parametrize("name,template,data,want", CASES, ids=[c[0] for c in CASES])
def test_jsonpath_prints_what_client_go_prints(name, template, data, want):
    j = JSONPath(name)
    j.parse(template)
    assert j.execute(data) == want


@pytest.mark.parametrize("name,template,data,message", [
    ("superrecurfields", "{............................................................Price}", STORE,
     "invalid multiple recursive descent"),
    ("unclosed action", "{.Name", STORE, "unclosed action"),
    ("out of bounds", "{.Book[5]}", STORE, "array index out of bounds: index 5, length 3"),
    ("not found", "{.Nope}", STORE, "Nope is not found"),
    ("not an array", "{.Name[0]}", STORE, "string is not array or slice"),
    ("unrecognized identifier", "{foo}", STORE, "unrecognized identifier foo"),
    ("nothing to end", "{end}", STORE, "not in range, nothing to end"),
    ("compare mismatched types", "{.Book[?(@.Price==1)]}", STORE, "incompatible types for comparison"),
])
def test_jsonpath_errors_read_like_client_go(name, template, data, message):
    j = JSONPath(name)
    with pytest.raises(JSONPathError) as e:
        j.parse(template)
        j.execute(data)
    assert str(e.value) == message


def test_missing_keys_print_nothing_when_allowed_as_kubectl_does():
    j = JSONPath("out").allow_missing(True)
    j.parse("{.Nope}x")
    assert j.execute(STORE) == "x"


def test_jsonpath_as_json_prints_one_indented_array_per_block():
    j = JSONPath("out")
    j.output_json = True
    j.parse("{.Book[*].Price}")
    assert j.execute(STORE) == "[\n    8.95,\n    12.99,\n    8.99\n]\n"


@pytest.mark.parametrize("expr,want", [
    (".metadata.name", "{.metadata.name}"), ("metadata.name", "{.metadata.name}"),
    ("{.metadata.name}", "{.metadata.name}"), ("{metadata.name}", "{.metadata.name}"),
])
def test_relaxed_expressions_for_sort_by_and_custom_columns(expr, want):
    assert relaxed_json_path_expression(expr) == want
