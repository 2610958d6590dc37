import pytest

from kubelab.kubectl import flags as fl
from kubelab.kubectl.flags import FlagError

SPECS = (
    fl.Flag("output", fl.STRING, "", "o"),
    fl.Flag("all-namespaces", fl.BOOL, shorthand="A"),
    fl.Flag("watch", fl.BOOL, shorthand="w"),
    fl.Flag("replicas", fl.INT, -1),
    fl.Flag("label-columns", fl.STRING_SLICE, shorthand="L"),
    fl.Flag("filename", fl.STRING_SLICE, shorthand="f"),
    fl.Flag("dry-run", fl.STRING, "none", no_opt_default="unchanged"),
)


@pytest.mark.parametrize("argv,name,value", [
    (["-o", "yaml"], "output", "yaml"),
    (["-oyaml"], "output", "yaml"),
    (["-o=yaml"], "output", "yaml"),
    (["--output=wide"], "output", "wide"),
    (["--output", "jsonpath={.a}"], "output", "jsonpath={.a}"),
    (["-Aw"], "watch", True),
    (["--all-namespaces=false"], "all-namespaces", False),
    (["--replicas", "-1"], "replicas", -1),
    (["-L", "app,tier", "-L", "zone"], "label-columns", ["app", "tier", "zone"]),
    (["--dry-run"], "dry-run", "unchanged"),
    (["--dry-run=server"], "dry-run", "server"),
])
def test_flag_forms_pflag_accepts(argv, name, value):
    assert fl.parse(argv, SPECS, "kubectl get")[name] == value


def test_positional_arguments_interleave_with_flags_until_double_dash():
    p = fl.parse(["pods", "-o", "name", "web", "--", "-x"], SPECS, "kubectl get")
    assert p.args == ["pods", "web", "-x"]


@pytest.mark.parametrize("argv,message", [
    (["--bogus"], "unknown flag: --bogus"),
    (["-z"], "unknown shorthand flag: 'z' in -z"),
    (["--output"], "flag needs an argument: --output"),
    (["-o"], "flag needs an argument: 'o' in -o"),
    (["--replicas=x"], 'invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax'),
    (["-A=maybe"], 'invalid argument "maybe" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "maybe": '
                   "invalid syntax"),
])
def test_flag_errors_read_like_kubectl(argv, message):
    with pytest.raises(FlagError) as e:
        fl.parse(argv, SPECS, "kubectl get")
    assert str(e.value) == f"{message}\nSee 'kubectl get --help' for usage."
