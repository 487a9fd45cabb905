"""The way passages are embedded is measured once per machine: the fastest that agrees with fp32 wins."""
import numpy as np

from index.storage import passage_path
from index.storage.passage_path import MIN_COSINE, SAMPLE, choose

XEON = "model name\t: Intel(R) Xeon(R) Platinum 8480+\nflags\t\t: fpu avx2 avx512f amx_bf16 avx512_bf16\n"
EPYC = "model name\t: AMD EPYC 7B13\nflags\t\t: fpu avx2\n"


def fake_ways(seconds: dict[str, float], cosine: dict[str, float]):
    """Each way 'takes' its seconds on a fake clock and returns vectors at its cosine to the reference."""
    clock = [0.0]
    reference = np.zeros((len(SAMPLE), 2), dtype=np.float32)
    reference[:, 0] = 1.0

    def way(name):
        def embed(texts):
            clock[0] += seconds[name] * len(texts) / len(SAMPLE)
            c = cosine[name]
            return np.tile(np.array([c, np.sqrt(1 - c * c)], dtype=np.float32), (len(texts), 1))
        return embed

    return {name: way(name) for name in seconds}, (lambda texts: reference[:len(texts)]), (lambda: clock[0])


SECONDS = {"onnx-int8": 1.0, "onnx-fp32": 1.6, "torch-bf16": 0.5}   # on the fake clock, for all of SAMPLE


def measured(tmp_path, cosine: dict[str, float], cpuinfo: str = XEON):
    """The way chosen among fake ways of SECONDS' speeds and these cosines to fp32, and the ways."""
    ways, reference, clock = fake_ways({way: SECONDS[way] for way in cosine}, cosine)
    return choose(ways, reference, tmp_path, cpuinfo=cpuinfo, clock=clock), ways


def test_the_fastest_way_that_agrees_is_chosen_and_remembered_for_this_machine(tmp_path, monkeypatch):
    monkeypatch.delenv("INSPECTQA_PRECISION", raising=False)
    path, ways = measured(tmp_path, {"onnx-int8": 0.99, "onnx-fp32": 1.0, "torch-bf16": 0.997})
    assert path.chosen == "torch-bf16" and path.measured["torch-bf16"].passages_per_s == 48.0
    assert "within cosine 0.995 of fp32, of 3 measured on Intel(R) Xeon(R) Platinum 8480+" in path.describe()

    def refuse(texts):
        raise AssertionError("measured again")
    assert choose({w: refuse for w in ways}, refuse, tmp_path, cpuinfo=XEON) == path  # read back, not measured
    assert passage_path.remembered(tmp_path, cpuinfo=XEON) == path
    assert passage_path.remembered(tmp_path, cpuinfo=EPYC) is None  # another CPU measures for itself


def test_a_faster_way_whose_vectors_disagree_with_fp32_is_not_chosen(tmp_path, monkeypatch):
    monkeypatch.delenv("INSPECTQA_PRECISION", raising=False)
    path, _ = measured(tmp_path, {"onnx-int8": 0.99, "onnx-fp32": 1.0, "torch-bf16": 0.97})
    assert path.chosen == "onnx-fp32" and path.measured["onnx-fp32"].passages_per_s == 15.0
    assert path.measured["onnx-int8"].min_cosine < MIN_COSINE <= path.measured["onnx-fp32"].min_cosine
    assert "fastest within cosine 0.995 of fp32, of 3 measured" in path.describe()


def test_when_no_way_agrees_the_fastest_is_used_and_said_not_to_agree(tmp_path, monkeypatch):
    monkeypatch.delenv("INSPECTQA_PRECISION", raising=False)
    path, _ = measured(tmp_path, {"onnx-int8": 0.99, "onnx-fp32": 0.99}, cpuinfo=EPYC)
    assert path.chosen == "onnx-int8"
    assert "none within cosine 0.995 of fp32, this one 0.99" in path.describe()


def test_a_setting_forces_one_way_and_bf16_is_offered_only_where_the_cpu_runs_it(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTQA_PRECISION", "fp32")
    ways, reference, clock = fake_ways({"onnx-int8": 1.0, "onnx-fp32": 1.6}, {"onnx-int8": 0.99, "onnx-fp32": 1.0})
    path = choose(ways, reference, tmp_path, cpuinfo=EPYC, clock=clock)
    assert path.chosen == "onnx-fp32" and path.measured == {} and clock() == 0.0
    assert list(tmp_path.iterdir()) == []  # a forced choice is not remembered as measured
    assert passage_path.offers_bf16(XEON) and not passage_path.offers_bf16(EPYC)
