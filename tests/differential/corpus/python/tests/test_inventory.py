from inventory import Inventory, parse_quantity


def test_parse_quantity():
    assert parse_quantity("3") == 3
    print("parsed")


def test_remove_unknown(tmp_path):
    inventory = Inventory(str(tmp_path / "stock.json"))
    f = open(str(tmp_path / "stock.json"), "w")
    f.write("[]")
    f.close()
    assert inventory.remove("missing", 1) is False
