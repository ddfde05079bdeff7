// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/**
 * A bank consortium's ledger of accounts, and the court-ordered actions on them (freeze, deduct,
 * release), each order executed at most once.
 *
 * Accounts are keyed by a bytes32 account id: a keyed hash of the bank's account identifier
 * (src/privacy), never the identifier in clear; amounts are in cents.
 *
 * Storage layout (fixed: adapters/evm/bank-ledger.ts computes these slots to ask eth_getProof for):
 *   slot 0  mapping(bytes32 => Account) accounts
 *           base = keccak256(accountId . uint256(0)); the struct's fields at base + 0, 1, 2:
 *             base + 0  balance (uint256, cents)
 *             base + 1  frozen  (uint256, cents; never more than balance)
 *             base + 2  opened  (bool: 1 once the account is opened; 0 for an account never opened)
 *   slot 1  mapping(bytes32 => bool) executed
 *           keccak256(orderId . uint256(1)): 1 once the order was executed
 *   slot 2  mapping(address => bool) operators
 *           keccak256(pad32(address) . uint256(2))
 * The owner is immutable (in the code, not in storage).
 *
 * Refusals are reason strings, the same names the adapters use elsewhere.
 */
contract BankLedger {
    struct Account {
        uint256 balance;
        uint256 frozen;
        bool opened;
    }

    mapping(bytes32 => Account) public accounts;
    mapping(bytes32 => bool) public executed;
    mapping(address => bool) public operators;

    address public immutable owner;

    event AccountOpened(bytes32 indexed accountId);
    event Credited(bytes32 indexed accountId, uint256 amount);
    event OperatorSet(address indexed operator, bool allowed);
    /** kind: 1 freeze, 2 deduct, 3 release. */
    event OrderExecuted(bytes32 indexed orderId, bytes32 indexed accountId, uint8 kind, uint256 amount);

    constructor() {
        owner = msg.sender;
        operators[msg.sender] = true;
        emit OperatorSet(msg.sender, true);
    }

    modifier onlyOwner() {
        require(msg.sender == owner, "not_owner");
        _;
    }

    modifier onlyOperator() {
        require(operators[msg.sender], "not_operator");
        _;
    }

    function setOperator(address operator, bool allowed) external onlyOwner {
        operators[operator] = allowed;
        emit OperatorSet(operator, allowed);
    }

    function openAccount(bytes32 accountId) external onlyOperator {
        Account storage a = accounts[accountId];
        require(!a.opened, "record_exists");
        a.opened = true;
        emit AccountOpened(accountId);
    }

    function credit(bytes32 accountId, uint256 amount) external onlyOperator {
        require(amount > 0, "invalid_amount");
        Account storage a = _opened(accountId);
        a.balance += amount;
        emit Credited(accountId, amount);
    }

    /** Freeze `amount` of what is available (balance minus what is already frozen). */
    function freeze(bytes32 accountId, uint256 amount, bytes32 orderId) external onlyOperator {
        Account storage a = _order(accountId, amount, orderId);
        require(a.balance - a.frozen >= amount, "insufficient_funds");
        a.frozen += amount;
        emit OrderExecuted(orderId, accountId, 1, amount);
    }

    /** Take `amount` out of the frozen funds (enforcement of a judgment): balance and frozen both drop. */
    function deduct(bytes32 accountId, uint256 amount, bytes32 orderId) external onlyOperator {
        Account storage a = _order(accountId, amount, orderId);
        require(a.frozen >= amount, "insufficient_frozen");
        a.frozen -= amount;
        a.balance -= amount;
        emit OrderExecuted(orderId, accountId, 2, amount);
    }

    /** Unfreeze `amount` of the frozen funds. */
    function release(bytes32 accountId, uint256 amount, bytes32 orderId) external onlyOperator {
        Account storage a = _order(accountId, amount, orderId);
        require(a.frozen >= amount, "insufficient_frozen");
        a.frozen -= amount;
        emit OrderExecuted(orderId, accountId, 3, amount);
    }

    function _opened(bytes32 accountId) private view returns (Account storage a) {
        a = accounts[accountId];
        require(a.opened, "unknown_record");
    }

    /** The checks every order shares; marks the order executed (the whole call reverts if a later check fails). */
    function _order(bytes32 accountId, uint256 amount, bytes32 orderId) private returns (Account storage a) {
        require(orderId != bytes32(0), "order_missing");
        require(!executed[orderId], "order_replayed");
        require(amount > 0, "invalid_amount");
        a = _opened(accountId);
        executed[orderId] = true;
    }
}
