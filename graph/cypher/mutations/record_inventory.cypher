// The institution's inventory (盘点) of one of its patents; the transferable catalogue
// flag follows the model's rule (screened in, valid, at least one intent).
MATCH (p:Patent {appNo: $appNo})
SET p += $props,
    p.inventoriedAt = date(),
    p.transferable = ($props.inventoryState = 'SCREENED_IN' AND p.legalStatus = 'VALID'
                      AND size($props.intents) > 0)
RETURN p.appNo AS appNo, p.inventoryState AS inventoryState, p.transferable AS transferable
