import pytest

from kubelab.api import errors
from kubelab.kubectl.errors import Aggregate, KubectlError, add_source_to_err, check_err
from kubelab.kubectl.output import is_less, natural_less, new_printer, sort_by_field

POD = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "managedFields": [{"manager": "x"}]},
       "spec": {"containers": [{"name": "a", "image": "nginx"}, {"name": "b", "image": "redis"}]}}
DEPLOY = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}}


def test_name_printer_qualifies_kinds_with_their_group():
    assert new_printer("name").print_obj(DEPLOY) == "deployment.apps/web\n"
    assert new_printer("name").print_obj(POD) == "pod/web\n"


def test_yaml_and_json_hide_managed_fields():
    assert "managedFields" not in new_printer("yaml").print_obj(POD)
    assert "managedFields" not in new_printer("json").print_obj(POD)


def test_custom_columns_join_several_values_with_commas_and_mark_missing_ones():
    p = new_printer("custom-columns=NAME:.metadata.name,IMAGES:.spec.containers[*].image,NODE:.spec.nodeName")
    assert p.print_obj(POD) == "NAME   IMAGES        NODE\nweb    nginx,redis   <none>\n"


@pytest.mark.parametrize("output,message", [
    ("custom-columns=", "custom-columns format specified but no custom columns given"),
    ("custom-columns=NAME", "unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>"),
    ("jsonpath=", "template format specified but no template given"),
    ("jsonpath={.a", "error parsing jsonpath {.a, unclosed action\n"),
    ("foo", 'unable to match a printer suitable for the output format "foo", allowed formats are: '
            "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,"
            "jsonpath-file,name,template,templatefile,wide,yaml"),
])
def test_printer_errors_read_like_kubectl(output, message):
    with pytest.raises(KubectlError) as e:
        new_printer(output)
    assert str(e.value) == message


def test_jsonpath_execution_errors_dump_the_object_like_kubectl():
    with pytest.raises(KubectlError) as e:
        new_printer("jsonpath={.spec.containers[5]}").print_obj({"spec": {"containers": [1]}})
    assert str(e.value) == (
        'error executing jsonpath "{.spec.containers[5]}": Error executing template: array index out of bounds: '
        "index 5, length 1. Printing more information for debugging the template:\n"
        "\ttemplate was:\n\t\t{.spec.containers[5]}\n"
        '\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"spec":map[string]interface {}'
        '{"containers":[]interface {}{1}}}\n\n\n'
    )


@pytest.mark.parametrize("a,b,less", [
    ("pod-2", "pod-10", True), ("pod-10", "pod-2", False), ("a", "b", True), ("a1", "a01", True),
    ("abc", "ab", False), ("1x", "x", True),
])
def test_natural_less_orders_digit_runs_by_value(a, b, less):
    assert natural_less(a, b) is less


def test_quantities_sort_by_value():
    assert is_less("500Mi", "1Gi") and not is_less("2", "100m")


def test_sort_by_puts_objects_without_the_field_first():
    objs = [{"n": "b", "v": 2}, {"n": "a"}, {"n": "c", "v": 1}]
    assert [o["n"] for o in sort_by_field(objs, ".v")] == ["a", "c", "b"]


def test_sort_by_a_field_no_object_has_fails():
    with pytest.raises(KubectlError) as e:
        sort_by_field([{"a": 1}], "{.b}")
    assert str(e.value) == 'couldn\'t find any field with path "{.b}" in the list of objects'


def test_server_errors_print_with_their_reason():
    text, code = check_err(errors.new_not_found("", "pods", "x"))
    assert (text, code) == ('Error from server (NotFound): pods "x" not found\n', 1)


def test_invalid_errors_print_their_causes():
    from kubelab.api import field

    errs = [field.invalid(field.Path("spec").child("replicas"), -1, "must be greater than or equal to 0")]
    assert check_err(errors.new_invalid("apps", "Deployment", "web", errs))[0] == (
        'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n'
    )
    two = errs + [field.required(field.Path("spec").child("selector"), "")]
    assert check_err(errors.new_invalid("apps", "Deployment", "web", two))[0] == (
        'The Deployment "web" is invalid: \n'
        "* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n"
        "* spec.selector: Required value\n"
    )


def test_several_errors_print_one_per_line_without_error_prefix():
    agg = Aggregate([KubectlError("error parsing STDIN: bad"),
                     add_source_to_err("creating", "STDIN", errors.new_already_exists("apps", "deployments", "web"))])
    assert check_err(agg)[0] == (
        "error parsing STDIN: bad\n"
        'Error from server (AlreadyExists): error when creating "STDIN": deployments.apps "web" already exists\n'
    )


def test_plain_errors_get_the_error_prefix():
    assert check_err(KubectlError("boom")) == ("error: boom\n", 1)
